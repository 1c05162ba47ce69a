using System;

namespace CallRecords.Engine.Reporting;

/// <summary>Stream counts of one key of one breakdown, and how often each rule fired among its poor streams.</summary>
internal sealed class QualityTally
{
    private readonly long[] _ruleCounts = new long[Rules.Length];

    public long Streams { get; private set; }

    public long Good { get; private set; }

    public long Poor { get; private set; }

    public long Unclassified { get; private set; }

    /// <summary>Gets every rule, in the order of its enum: counts are kept by its position.</summary>
    public static QualityRule[] Rules { get; } = Enum.GetValues<QualityRule>();

    public void Add(StreamQuality quality, QualityRule[] rules)
    {
        Streams++;
        switch (quality)
        {
            case StreamQuality.Good:
                Good++;
                break;
            case StreamQuality.Poor:
                Poor++;
                foreach (var rule in rules)
                {
                    _ruleCounts[Array.IndexOf(Rules, rule)]++;
                }

                break;
            default:
                Unclassified++;
                break;
        }
    }

    public long ReasonCount(QualityRule rule) => _ruleCounts[Array.IndexOf(Rules, rule)];

    public CallQualityAggregate ToAggregate(string dimension, string key, string? mediaType = null)
    {
        string? mainReason = null;
        long mainCount = 0;
        for (var i = 0; i < _ruleCounts.Length; i++)
        {
            var count = _ruleCounts[i];
            var name = PoorReason.NameOf(Rules[i]);
            if (count > mainCount || (count == mainCount && count > 0 && string.CompareOrdinal(name, mainReason) < 0))
            {
                mainReason = name;
                mainCount = count;
            }
        }

        var classified = Good + Poor;
        return new CallQualityAggregate
        {
            Dimension = dimension,
            MediaType = mediaType,
            Key = key,
            Streams = Streams,
            Good = Good,
            Poor = Poor,
            Unclassified = Unclassified,
            Classified = classified,
            PoorRate = classified == 0 ? null : (double)Poor / classified,
            MainPoorReason = mainReason,
        };
    }
}
