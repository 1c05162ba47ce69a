using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CallRecords.Engine.Lake;

/// <summary>
/// One verbose line per storage request, as Graph requests have: method, blob path, operation, status and duration.
/// Only the path and the operation (comp=block, comp=blocklist) are shown: the query may hold a SAS.
/// </summary>
internal sealed class LakeRequestLogPolicy : HttpPipelinePolicy
{
    private readonly RequestLog _log;

    public LakeRequestLogPolicy(RequestLog log) => _log = log;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Write(message, clock);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Write(message, clock);
        }
    }

    private void Write(HttpMessage message, Stopwatch clock)
    {
        var uri = message.Request.Uri.ToUri();
        var operation = OperationOf(uri.Query);
        var status = message.HasResponse ? message.Response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "failed";
        _log.WriteVerbose($"{message.Request.Method} {Uri.UnescapeDataString(uri.AbsolutePath)}{(operation is null ? "" : " (" + operation + ")")} {status} ({clock.ElapsedMilliseconds} ms)");
    }

    private static string? OperationOf(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("comp=", StringComparison.Ordinal))
            {
                return pair["comp=".Length..];
            }
        }

        return null;
    }
}
