namespace CallRecords;

/// <summary>The network one end of a media stream used (Graph networkInfo): connection, Wi-Fi, addresses and relay.</summary>
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
}
