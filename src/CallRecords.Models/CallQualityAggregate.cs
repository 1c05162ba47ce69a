namespace CallRecords;

/// <summary>
/// Stream counts and the poor-stream rate for one value of one dimension of a call quality report, such as
/// Dimension NetworkType and Key wifi. The rate is Poor divided by Classified (Good plus Poor) streams;
/// Unclassified streams are counted but take no part in it.
/// </summary>
public sealed class CallQualityAggregate
{
    /// <summary>Gets or sets what the rows are grouped by: Total, MediaType, Day, NetworkType, WifiBand, Platform, ProductFamily, Subnet, User, CaptureDevice, RenderDevice or ClientVersion.</summary>
    public string? Dimension { get; set; }

    /// <summary>Gets or sets the media type the row counts (audio, video...), for a breakdown per media type; empty when the row counts every media type.</summary>
    public string? MediaType { get; set; }

    /// <summary>Gets or sets the value of the dimension, such as wifi, 2026-01-05 (a UTC day) or a user principal name.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets the number of media streams.</summary>
    public long Streams { get; set; }

    /// <summary>Gets or sets the streams judged Good.</summary>
    public long Good { get; set; }

    /// <summary>Gets or sets the streams judged Poor.</summary>
    public long Poor { get; set; }

    /// <summary>Gets or sets the streams that could not be judged.</summary>
    public long Unclassified { get; set; }

    /// <summary>Gets or sets the streams judged at all: Good plus Poor.</summary>
    public long Classified { get; set; }

    /// <summary>Gets or sets Poor divided by Classified, from 0 to 1; empty when no stream was classified.</summary>
    public double? PoorRate { get; set; }

    /// <summary>Gets or sets the rule that fired most often in the poor streams, such as Jitter or Round trip; empty when none was poor.</summary>
    public string? MainPoorReason { get; set; }

    /// <summary>The dimension, key and rate.</summary>
    public override string ToString() => $"{Dimension} {(MediaType is null ? "" : MediaType + " ")}{Key}: {Poor}/{Classified}";
}
