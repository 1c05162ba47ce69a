using System.Globalization;

namespace CallRecords;

/// <summary>One hop of a trace route from an endpoint towards the media relay (Graph traceRouteHop).</summary>
public sealed class TraceRouteHop
{
    /// <summary>Gets or sets the hop's position, from 1.</summary>
    public int? HopCount { get; set; }

    /// <summary>Gets or sets the hop's IP address.</summary>
    public string? IPAddress { get; set; }

    /// <summary>Gets or sets the round trip to the hop, in milliseconds.</summary>
    public double? RoundTripTimeMs { get; set; }

    /// <summary>The hop as one cell of text: position, address and round trip, such as '3 10.1.0.1 12 ms'.</summary>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} {1} {2:0.###} ms", HopCount, IPAddress, RoundTripTimeMs);
}
