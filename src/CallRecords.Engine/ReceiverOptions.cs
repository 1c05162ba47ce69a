using System;
using System.Collections.Generic;

namespace CallRecords.Engine;

/// <summary>What the receiver listens on and what it accepts.</summary>
public sealed class ReceiverOptions
{
    /// <summary>Gets or sets the HttpListener prefix, such as http://+:8080/callrecords/.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Gets or sets the clientState values to accept; notifications with any other are dropped.</summary>
    public IReadOnlyList<string> ClientStates { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets how many items to write before stopping; null for no limit.</summary>
    public int? Count { get; set; }

    /// <summary>Gets or sets how long to listen; null for no limit.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Gets or sets whether to write the call record each notification names instead of the notification.</summary>
    public bool ExpandCallRecord { get; set; }

    /// <summary>Gets or sets whether to renew a subscription that asks for reauthorization, and make one Graph removed again.</summary>
    public bool AutoRenew { get; set; }

    /// <summary>Gets or sets the largest body accepted; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
