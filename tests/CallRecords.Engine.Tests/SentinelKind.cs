namespace CallRecords.Engine.Tests;

/// <summary>How a sentinel is recognised in the output.</summary>
internal enum SentinelKind
{
    /// <summary>Text no other property has; found in any column, alone or in a list.</summary>
    Text,

    /// <summary>A number no other property has (a duration as milliseconds).</summary>
    Number,

    /// <summary>An instant no other property has.</summary>
    Instant,

    /// <summary>A value many properties share (an enum member, true): found only in a column named after the property.</summary>
    Named,
}
