using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Listens for Graph's call records notifications and writes each as it arrives.</summary>
[Cmdlet(VerbsCommunications.Receive, "CallRecordNotification")]
[OutputType(typeof(CallRecordNotification), typeof(CallRecordMissedNotification), typeof(CallRecord))]
public sealed class ReceiveCallRecordNotificationCommand : ConnectedCmdlet
{
    private readonly System.Collections.Generic.List<string> _clientStates = new();

    /// <summary>Gets or sets the HttpListener prefix, such as http://+:8080/callrecords/.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Prefix { get; set; } = "";

    /// <summary>Gets or sets the clientState values to accept.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ClientState { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets whether to write the call record each notification names, once per version, and read a missed window again.</summary>
    [Parameter]
    public SwitchParameter ExpandCallRecord { get; set; }

    /// <summary>Gets or sets how many items to write before stopping.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Count { get; set; }

    /// <summary>Gets or sets how long to listen before stopping.</summary>
    [Parameter]
    public TimeSpan? Timeout { get; set; }

    /// <summary>Gets or sets whether to renew a subscription when Graph asks for reauthorization, and make one Graph removed again.</summary>
    [Parameter]
    public SwitchParameter AutoRenew { get; set; }

    /// <inheritdoc/>
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Subscriptions piped in each bring their clientState; the receiver accepts all of them.
        _clientStates.AddRange(ClientState);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var options = new ReceiverOptions
        {
            Prefix = Prefix.EndsWith('/') ? Prefix : Prefix + "/",
            ClientStates = _clientStates,
            Count = Count,
            Timeout = Timeout,
            ExpandCallRecord = ExpandCallRecord,
            AutoRenew = AutoRenew,
        };
        var connection = ExpandCallRecord || AutoRenew || Connection is not null ? RequireConnection() : ConnectionState.DefaultOf(CommandRunspace);
        var handlers = new ReceiverHandlers { OnNotification = WriteObject, OnMissed = WriteObject, OnCallRecord = WriteObject, Log = Log };
        var receiver = new NotificationReceiver(options, handlers, connection);
        ReceiverSummary summary;
        try
        {
            summary = await receiver.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Called as a method, not through await using: that would go through IAsyncDisposable, which on .NET 8
            // and 9 the Engine takes from its own Microsoft.Bcl.AsyncInterfaces in the private load context, a
            // different type from PowerShell's.
            await receiver.DisposeAsync().ConfigureAwait(false);
        }

        if (summary.Dropped > 0)
        {
            WriteWarning($"{summary.Dropped} notifications were dropped because their clientState did not match.");
        }
    }
}
