using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CallRecords.Engine.Reporting;

/// <summary>
/// Aggregates classified media streams for a call quality report as they pass: counts per dimension value
/// and per poor reason, never the rows themselves, so memory does not grow with the number of streams.
/// Every dimension describes the caller's endpoint of the stream (its network, client and user).
/// </summary>
public sealed class CallQualityAggregator
{
    /// <summary>The dimension of the one row that counts every stream.</summary>
    public const string Total = "Total";

    /// <summary>Streams by kind of media: audio, video, videoBasedScreenSharing...</summary>
    public const string MediaType = "MediaType";

    /// <summary>Streams by the UTC day their stream started, as yyyy-MM-dd.</summary>
    public const string Day = "Day";

    /// <summary>Streams by the caller's connection type: wired, wifi, mobile...</summary>
    public const string NetworkType = "NetworkType";

    /// <summary>Wi-Fi streams by the caller's Wi-Fi band.</summary>
    public const string WifiBand = "WifiBand";

    /// <summary>Streams by the caller's client platform.</summary>
    public const string Platform = "Platform";

    /// <summary>Streams by the caller's client product family.</summary>
    public const string ProductFamily = "ProductFamily";

    /// <summary>Streams by the caller's subnet.</summary>
    public const string Subnet = "Subnet";

    /// <summary>Streams by the caller: user principal name, else display name, else id.</summary>
    public const string User = "User";

    /// <summary>Streams by the caller's microphone.</summary>
    public const string CaptureDevice = "CaptureDevice";

    /// <summary>Streams by the caller's speaker.</summary>
    public const string RenderDevice = "RenderDevice";

    /// <summary>Streams by the caller's client version (the user agent's application version).</summary>
    public const string ClientVersion = "ClientVersion";

    /// <summary>The key of streams that do not report the dimension's value.</summary>
    public const string NotReported = "(not reported)";

    /// <summary>The key that collects new values once a dimension holds <see cref="MaxKeysPerDimension"/> keys.</summary>
    public const string OtherKeys = "(other)";

    /// <summary>How many distinct keys one dimension keeps; a million-user tenant's subnets and users still fit, a runaway input does not exhaust memory.</summary>
    public const int MaxKeysPerDimension = 200_000;


    private static readonly (string Name, Func<CallRecordMediaStream, string?> KeyOf)[] s_dimensions =
    {
        (MediaType, s => s.MediaType),
        (Day, s => s.StartDateTime?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        (NetworkType, s => s.CallerNetwork.ConnectionType),
        (WifiBand, s => string.Equals(s.CallerNetwork.ConnectionType, "wifi", StringComparison.OrdinalIgnoreCase) ? s.CallerNetwork.WifiBand ?? NotReported : null),
        (Platform, s => s.Caller.Platform),
        (ProductFamily, s => s.Caller.ProductFamily),
        (Subnet, s => s.CallerNetwork.Subnet),
        (User, s => FirstNonEmpty(s.Caller.UserPrincipalName, s.Caller.DisplayName, s.Caller.Id)),
        (CaptureDevice, s => s.CallerDevice.CaptureDeviceName),
        (RenderDevice, s => s.CallerDevice.RenderDeviceName),
        (ClientVersion, s => s.Caller.ApplicationVersion),
    };

    private readonly QualityTally _total = new();
    private readonly Dictionary<string, Dictionary<string, QualityTally>> _byDimension = s_dimensions.ToDictionary(d => d.Name, _ => new Dictionary<string, QualityTally>(StringComparer.Ordinal), StringComparer.Ordinal);
    private readonly HashSet<string> _cappedDimensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<(string MediaType, string Key), QualityTally>> _byMediaType = PerMediaType.ToDictionary(d => d, _ => new Dictionary<(string, string), QualityTally>(), StringComparer.Ordinal);
    private readonly (QualityTally With, QualityTally Without)[] _signals = EventSignal.All.Select(_ => (new QualityTally(), new QualityTally())).ToArray();
    private readonly HashSet<Guid> _callIds = new();
    private readonly HashSet<string> _otherCallIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<QualityRuleSet> _ruleSets = new();

    /// <summary>Gets the dimensions also broken down per media type: the network and client ones, whose rates differ most between audio and video.</summary>
    public static IReadOnlyList<string> PerMediaType { get; } = new[] { NetworkType, WifiBand, Platform, ProductFamily };

    /// <summary>Gets the dimensions every stream is counted in, in the order a report shows them.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = s_dimensions.Select(d => d.Name).ToArray();

    /// <summary>Gets the number of distinct call record ids seen.</summary>
    public long Calls => _callIds.Count + _otherCallIds.Count;

    /// <summary>Gets the rule sets the streams were classified with (Current, Legacy), usually one.</summary>
    public IReadOnlyCollection<QualityRuleSet> RuleSets => _ruleSets;

    /// <summary>Counts one stream in the totals and in every dimension.</summary>
    public void Add(CallRecordMediaStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        if (!string.IsNullOrEmpty(stream.CallRecordId))
        {
            if (Guid.TryParse(stream.CallRecordId, out var id))
            {
                _callIds.Add(id);
            }
            else
            {
                _otherCallIds.Add(stream.CallRecordId!);
            }
        }

        _ruleSets.Add(stream.QualityRuleSet);
        var reasons = stream.Quality == StreamQuality.Poor ? RulesOf(stream.PoorReasons) : Array.Empty<QualityRule>();
        _total.Add(stream.Quality, reasons);
        foreach (var (name, keyOf) in s_dimensions)
        {
            var key = keyOf(stream);
            if (name == WifiBand && key is null)
            {
                continue;
            }

            key = string.IsNullOrEmpty(key) ? NotReported : key!;
            TallyFor(name, key).Add(stream.Quality, reasons);
            if (_byMediaType.TryGetValue(name, out var perMediaType))
            {
                // These dimensions have a handful of keys each, so no cap is needed.
                var slot = (stream.MediaType ?? NotReported, key);
                if (!perMediaType.TryGetValue(slot, out var tally))
                {
                    perMediaType.Add(slot, tally = new QualityTally());
                }

                tally.Add(stream.Quality, reasons);
            }
        }

        for (var i = 0; i < _signals.Length; i++)
        {
            switch (EventSignal.All[i].In(stream))
            {
                case true:
                    _signals[i].With.Add(stream.Quality, reasons);
                    break;
                case false:
                    _signals[i].Without.Add(stream.Quality, reasons);
                    break;
            }
        }
    }

    /// <summary>The row that counts every stream.</summary>
    public CallQualityAggregate TotalRow() => _total.ToAggregate(Total, "All streams");

    /// <summary>Every key of a dimension: days in date order, other dimensions by most streams first, then by key.</summary>
    public IReadOnlyList<CallQualityAggregate> Rows(string dimension)
    {
        var rows = _byDimension[dimension].Select(pair => pair.Value.ToAggregate(dimension, pair.Key));
        return (dimension == Day
            ? rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.Streams).ThenBy(r => r.Key, StringComparer.Ordinal)).ToList();
    }

    /// <summary>Every key of a dimension for each media type: media types by most streams, then keys by most streams.</summary>
    public IReadOnlyList<CallQualityAggregate> RowsByMediaType(string dimension) =>
        _byMediaType[dimension]
            .Select(pair => pair.Value.ToAggregate(dimension, pair.Key.Key, pair.Key.MediaType))
            .OrderBy(r => r.MediaType, StringComparer.Ordinal)
            .ThenByDescending(r => r.Streams)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>How often each device and network event was reported on the caller's side, and the poor-stream rate with and without it.</summary>
    public IReadOnlyList<CallQualitySignal> Signals() =>
        EventSignal.All.Select((signal, i) =>
        {
            var with = _signals[i].With.ToAggregate(signal.Name, signal.Name);
            var without = _signals[i].Without.ToAggregate(signal.Name, signal.Name);
            var reported = with.Streams + without.Streams;
            return new CallQualitySignal
            {
                Signal = signal.Name,
                Source = signal.Source,
                Property = signal.Property,
                Reported = reported,
                Streams = with.Streams,
                Share = reported == 0 ? null : (double)with.Streams / reported,
                PoorRate = with.PoorRate,
                PoorRateWithout = without.PoorRate,
            };
        }).ToList();

    /// <summary>The <paramref name="count"/> keys with the most poor streams; ties go to the higher rate, then the key.</summary>
    public IReadOnlyList<CallQualityAggregate> Top(string dimension, int count) =>
        _byDimension[dimension]
            .Where(pair => pair.Value.Poor > 0)
            .Select(pair => pair.Value.ToAggregate(dimension, pair.Key))
            .OrderByDescending(r => r.Poor)
            .ThenByDescending(r => r.PoorRate)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    /// <summary>Gets how many distinct keys a dimension holds.</summary>
    public int KeyCount(string dimension) => _byDimension[dimension].Count;

    /// <summary>Whether a dimension reached <see cref="MaxKeysPerDimension"/> and counted later keys under <see cref="OtherKeys"/>.</summary>
    public bool IsCapped(string dimension) => _cappedDimensions.Contains(dimension);

    /// <summary>How often each rule fired among poor streams, most frequent first, then by name.</summary>
    public IReadOnlyList<CallQualityPoorReason> PoorReasons() =>
        QualityTally.Rules
            .Select(rule => new CallQualityPoorReason
            {
                Reason = PoorReason.NameOf(rule),
                PoorStreams = _total.ReasonCount(rule),
                Share = _total.Poor == 0 ? 0 : (double)_total.ReasonCount(rule) / _total.Poor,
            })
            .Where(r => r.PoorStreams > 0)
            .OrderByDescending(r => r.PoorStreams)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private QualityTally TallyFor(string dimension, string key)
    {
        var tallies = _byDimension[dimension];
        if (tallies.TryGetValue(key, out var tally))
        {
            return tally;
        }

        if (tallies.Count >= MaxKeysPerDimension)
        {
            _cappedDimensions.Add(dimension);
            key = OtherKeys;
            if (tallies.TryGetValue(key, out tally))
            {
                return tally;
            }
        }

        tally = new QualityTally();
        tallies.Add(key, tally);
        return tally;
    }

    private static QualityRule[] RulesOf(IEnumerable<PoorReason> reasons) => reasons.Select(r => r.Rule).Distinct().ToArray();
}
