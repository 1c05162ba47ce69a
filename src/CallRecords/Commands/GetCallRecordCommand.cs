using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets call records by id, or lists the records that started in a time range.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecord", DefaultParameterSetName = ListSet)]
[OutputType(typeof(CallRecord))]
public sealed class GetCallRecordCommand : PerCallRecordCmdlet<CallRecord>
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string DirectRoutingSet = "DirectRoutingCall";

    /// <summary>Gets or sets the call record ids (a Direct Routing CorrelationId works too).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("CallRecordId", "CorrelationId")]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets a Direct Routing row from Get-DirectRoutingCallLog: its CorrelationId is the call record id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DirectRoutingSet, ValueFromPipeline = true)]
    public DirectRoutingCallLogRow? DirectRoutingCall { get; set; }

    /// <summary>Gets or sets the earliest start time to list (default: 30 days ago, as far back as Graph keeps records).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Alias("From")]
    public DateTime? StartDateTime { get; set; }

    /// <summary>Gets or sets the start time to list up to, not included (default: now).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Alias("To")]
    public DateTime? EndDateTime { get; set; }

    /// <summary>Gets or sets a participant's Entra object id: only calls that include them are listed.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? UserId { get; set; }

    /// <summary>Gets or sets whether to fill each record's Sessions, with their segments, following every page.</summary>
    [Parameter]
    public SwitchParameter ExpandSessions { get; set; }

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == DirectRoutingSet)
        {
            await AddFetchAsync(DirectRoutingCall!.CorrelationId ?? "", DirectRoutingCall).ConfigureAwait(false);
            return;
        }

        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                await AddFetchAsync(id, id).ConfigureAwait(false);
            }

            return;
        }

        var query = BuildRangeQuery(StartDateTime, EndDateTime);
        if (query is null)
        {
            return;
        }

        query.UserId = UserId;
        query.ExpandSessions = ExpandSessions;
        await ListCallRecordsAsync(query, "Get-CallRecord", WriteObject, "were written before the failure.", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override Task<CallRecord?> FetchAsync(CallRecordReader reader, string callRecordId, CancellationToken cancellationToken) =>
        reader.GetAsync(callRecordId, ExpandSessions, Log, cancellationToken);

    /// <inheritdoc/>
    protected override void Emit(CallRecord result) => WriteObject(result);
}
