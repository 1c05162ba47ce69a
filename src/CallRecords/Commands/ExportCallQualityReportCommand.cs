using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using CallRecords.Engine.Quality;
using CallRecords.Engine.Reporting;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>
/// Writes a self-contained HTML call quality report from media stream rows, piped in or fetched for a time
/// range. Rows are counted as they pass and never kept, so memory stays flat however many there are.
/// </summary>
[Cmdlet(VerbsData.Export, "CallQualityReport", DefaultParameterSetName = RangeSet)]
[OutputType(typeof(CallQualityAggregate), typeof(CallQualityPoorReason), typeof(CallQualitySignal))]
public sealed class ExportCallQualityReportCommand : ConnectedCmdlet
{
    private const string RangeSet = "Range";
    private const string PipelineSet = "Pipeline";
    private readonly CallQualityAggregator _aggregator = new();
    private string _path = "";
    private string _scope = "Media streams piped in";

    /// <summary>Gets or sets the HTML file to write; an existing file is replaced.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Gets or sets media stream rows from Get-CallRecordMediaStream.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PipelineSet, ValueFromPipeline = true)]
    public CallRecordMediaStream? InputObject { get; set; }

    /// <summary>Gets or sets the earliest call start to report (default: 30 days ago).</summary>
    [Parameter(ParameterSetName = RangeSet)]
    [Alias("From")]
    public DateTime? StartDateTime { get; set; }

    /// <summary>Gets or sets the call start to report up to, not included (default: now).</summary>
    [Parameter(ParameterSetName = RangeSet)]
    [Alias("To")]
    public DateTime? EndDateTime { get; set; }

    /// <summary>Gets or sets the audio rule set for streams fetched for a range: Current or Legacy.</summary>
    [Parameter(ParameterSetName = RangeSet)]
    public QualityRuleSet QualityRuleSet { get; set; } = QualityRuleSet.Current;

    /// <summary>Gets or sets the report's heading.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "Call quality report";

    /// <summary>Gets or sets whether to write the report's aggregates to the pipeline as well.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        _path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == PipelineSet)
        {
            if (InputObject is not null)
            {
                _aggregator.Add(InputObject);
            }

            return;
        }

        var query = BuildRangeQuery(StartDateTime, EndDateTime);
        if (query is null)
        {
            return;
        }

        query.ExpandSessions = true;
        _scope = $"Media streams of the calls that started from {query.StartDateTime:u} to {query.EndDateTime:u}";
        var thresholds = QualityThresholds.For(QualityRuleSet);
        await ListCallRecordsAsync(
            query,
            "Export-CallQualityReport",
            record =>
            {
                foreach (var stream in CallRecordReader.MediaStreamsOf(record.Sessions ?? (IEnumerable<CallRecordSession>)Array.Empty<CallRecordSession>(), thresholds))
                {
                    _aggregator.Add(stream);
                }
            },
            "were read before the failure; no report was written.",
            cancellationToken,
            thresholds).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (_aggregator.TotalRow().Streams == 0)
        {
            WriteWarning("No media streams were given; the report shows zeros.");
        }

        try
        {
            using var file = new StreamWriter(_path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            CallQualityReportWriter.Write(file, _aggregator, new CallQualityReportOptions { Title = Title, GeneratedAt = DateTimeOffset.UtcNow, Scope = _scope });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TerminatingException(new ErrorRecord(e, "ReportWriteFailed", ErrorCategory.WriteError, _path));
        }

        WriteVerbose($"Wrote {_path}.");
        if (PassThru)
        {
            WriteObject(_aggregator.TotalRow());
            foreach (var dimension in CallQualityAggregator.Dimensions)
            {
                foreach (var row in _aggregator.Rows(dimension))
                {
                    WriteObject(row);
                }
            }

            foreach (var dimension in CallQualityAggregator.PerMediaType)
            {
                foreach (var row in _aggregator.RowsByMediaType(dimension))
                {
                    WriteObject(row);
                }
            }

            foreach (var reason in _aggregator.PoorReasons())
            {
                WriteObject(reason);
            }

            foreach (var signal in _aggregator.Signals())
            {
                WriteObject(signal);
            }
        }

        return Task.CompletedTask;
    }
}
