namespace CallRecords;

/// <summary>
/// The network one end of a media stream used (Graph networkInfo): connection, Wi-Fi and its drivers, addresses,
/// relay, the network events of the stream (ratios are its share, from 0 to 1) and the trace route when there is one.
/// </summary>
public sealed class NetworkInfo
{
    /// <summary>Gets or sets the network connection type (wired, wifi, mobile, tunnel).</summary>
    public string? ConnectionType { get; set; }

    /// <summary>Gets or sets the Wi-Fi band (frequency24GHz, frequency50GHz...).</summary>
    public string? WifiBand { get; set; }

    /// <summary>Gets or sets the Wi-Fi signal strength in percent.</summary>
    public int? WifiSignalStrength { get; set; }

    /// <summary>Gets or sets the Wi-Fi radio type (wifi80211ac...).</summary>
    public string? WifiRadioType { get; set; }

    /// <summary>Gets or sets the subnet.</summary>
    public string? Subnet { get; set; }

    /// <summary>Gets or sets the IP address.</summary>
    public string? IPAddress { get; set; }

    /// <summary>Gets or sets the reflexive IP address: the address the relay sees, usually the public one.</summary>
    public string? ReflexiveIPAddress { get; set; }

    /// <summary>Gets or sets the media relay IP address.</summary>
    public string? RelayIPAddress { get; set; }

    /// <summary>Gets or sets the media relay port.</summary>
    public int? RelayPort { get; set; }

    /// <summary>Gets or sets the transport protocol (udp, tcp).</summary>
    public string? NetworkTransportProtocol { get; set; }

    /// <summary>Gets or sets the link speed in bits per second.</summary>
    public long? LinkSpeed { get; set; }

    /// <summary>Gets or sets the Wi-Fi BSSID.</summary>
    public string? BasicServiceSetIdentifier { get; set; }

    /// <summary>Gets or sets the port.</summary>
    public int? Port { get; set; }

    /// <summary>Gets or sets the DNS suffix.</summary>
    public string? DnsSuffix { get; set; }

    /// <summary>Gets or sets the MAC address (often empty or 02:00:00:00:00:00, hidden by the operating system).</summary>
    public string? MacAddress { get; set; }

    /// <summary>Gets or sets the Wi-Fi channel.</summary>
    public int? WifiChannel { get; set; }

    /// <summary>Gets or sets the battery charge in percent while on Wi-Fi.</summary>
    public int? WifiBatteryCharge { get; set; }

    /// <summary>Gets or sets the Microsoft Wi-Fi driver.</summary>
    public string? WifiMicrosoftDriver { get; set; }

    /// <summary>Gets or sets the Microsoft Wi-Fi driver version.</summary>
    public string? WifiMicrosoftDriverVersion { get; set; }

    /// <summary>Gets or sets the vendor's Wi-Fi driver.</summary>
    public string? WifiVendorDriver { get; set; }

    /// <summary>Gets or sets the vendor's Wi-Fi driver version.</summary>
    public string? WifiVendorDriverVersion { get; set; }

    /// <summary>Gets or sets the share of the stream with too little bandwidth.</summary>
    public double? BandwidthLowEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream with too much network delay.</summary>
    public double? DelayEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream with poor quality received.</summary>
    public double? ReceivedQualityEventRatio { get; set; }

    /// <summary>Gets or sets the share of the stream with poor quality sent.</summary>
    public double? SentQualityEventRatio { get; set; }

    /// <summary>Gets or sets the hops to the relay, when Microsoft support has turned trace routes on for the tenant.</summary>
    public ValueList<TraceRouteHop> TraceRouteHops { get; set; } = new ValueList<TraceRouteHop>(System.Array.Empty<TraceRouteHop>(), "; ");
}
