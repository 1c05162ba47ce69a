using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Commands;

/// <summary>The base of commands that list one kind of item (sessions, participants) for each call record id piped in.</summary>
public abstract class CallRecordItemsCmdlet<TItem> : PerCallRecordCmdlet<IReadOnlyList<TItem>>
    where TItem : class
{
    /// <summary>Gets or sets the call record ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("Id")]
    public string[] CallRecordId { get; set; } = Array.Empty<string>();

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var id in CallRecordId)
        {
            await AddFetchAsync(id, id).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override void Emit(IReadOnlyList<TItem> result)
    {
        foreach (var item in result)
        {
            WriteObject(item);
        }
    }
}
