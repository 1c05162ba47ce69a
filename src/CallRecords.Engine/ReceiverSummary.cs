namespace CallRecords.Engine;

/// <summary>What a receiver run did.</summary>
public sealed class ReceiverSummary
{
    /// <summary>Gets the validation requests answered.</summary>
    public int Validations { get; internal set; }

    /// <summary>Gets the notifications received with a clientState that matched.</summary>
    public int Accepted { get; internal set; }

    /// <summary>Gets the notifications dropped because their clientState did not match.</summary>
    public int Dropped { get; internal set; }

    /// <summary>Gets the requests refused: wrong method, too large, or not JSON.</summary>
    public int Rejected { get; internal set; }

    /// <summary>Gets the items written.</summary>
    public int Written { get; internal set; }
}
