namespace CallRecords.Engine.Reporting;

/// <summary>One bar: its label, its value from 0 to 1 (null: nothing to draw) and the text printed beside it.</summary>
internal sealed class ChartBar
{
    public ChartBar(string label, double? value, string valueText)
    {
        Label = label;
        Value = value;
        ValueText = valueText;
    }

    public string Label { get; }

    public double? Value { get; }

    public string ValueText { get; }
}
