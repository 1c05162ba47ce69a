using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using System;
using CallRecords.Engine.Quality;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>
/// One flat row per media stream, with caller and callee identity, device, network, every metric and a
/// quality verdict. Takes call records (expanded or not), sessions, or call record ids.
/// </summary>
[Cmdlet(VerbsCommon.Get, "CallRecordMediaStream", DefaultParameterSetName = CallRecordSet)]
[OutputType(typeof(CallRecordMediaStream))]
public sealed class GetCallRecordMediaStreamCommand : PerCallRecordCmdlet<IReadOnlyList<CallRecordSession>>
{
    private const string IdSet = "Id";
    private const string CallRecordSet = "CallRecord";
    private const string SessionSet = "Session";

    /// <summary>Gets or sets the call record ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("Id")]
    public string[] CallRecordId { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets a call record from Get-CallRecord; records with Sessions filled need no further request.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CallRecordSet, ValueFromPipeline = true)]
    public CallRecord? CallRecord { get; set; }

    /// <summary>Gets or sets a session from Get-CallRecordSession or a record's Sessions.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true)]
    public CallRecordSession? Session { get; set; }

    /// <summary>Gets or sets the audio rule set: Current (with a packet floor) or Legacy (degradation and concealed samples, no floor).</summary>
    [Parameter]
    public QualityRuleSet QualityRuleSet { get; set; } = QualityRuleSet.Current;

    /// <inheritdoc/>
    protected override QualityThresholds Thresholds => QualityThresholds.For(QualityRuleSet);

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        switch (ParameterSetName)
        {
            case CallRecordSet:
                var record = CallRecord!;
                await (record.Sessions is { } sessions ? AddResultAsync(sessions, record) : AddFetchAsync(record.Id, record)).ConfigureAwait(false);
                break;
            case SessionSet:
                await AddResultAsync(new[] { Session! }, Session!).ConfigureAwait(false);
                break;
            default:
                foreach (var id in CallRecordId)
                {
                    await AddFetchAsync(id, id).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <inheritdoc/>
    protected override Task<IReadOnlyList<CallRecordSession>?> FetchAsync(CallRecordReader reader, string callRecordId, CancellationToken cancellationToken) =>
        reader.GetSessionsAsync(callRecordId, Log, cancellationToken);

    /// <inheritdoc/>
    protected override void Emit(IReadOnlyList<CallRecordSession> result)
    {
        foreach (var stream in CallRecordReader.MediaStreamsOf(result, Thresholds))
        {
            WriteObject(stream);
        }
    }
}
