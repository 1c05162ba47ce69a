using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>The one nextLink loop: every page of a Graph collection, each followed exactly as Graph gives its link.</summary>
internal static class GraphPager
{
    /// <summary>
    /// Each page of the collection at <paramref name="url"/> (a path or a link Graph gave), in order. A page is
    /// valid until the next is asked for; the next request is sent only then, after <paramref name="beforeEachRequest"/>
    /// (a reader that holds pages waits there for room).
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> PagesAsync(
        this GraphHttpClient http, string? url, GraphOperation operation, RequestLog log, [EnumeratorCancellation] CancellationToken cancellationToken, Func<CancellationToken, Task>? beforeEachRequest = null)
    {
        var next = url;
        while (next is not null)
        {
            if (beforeEachRequest is not null)
            {
                await beforeEachRequest(cancellationToken).ConfigureAwait(false);
            }

            using var page = await http.GetJsonAsync(next, operation, log, cancellationToken).ConfigureAwait(false);
            yield return page.RootElement;
            next = page.RootElement.GetNextLink("@odata.nextLink", log);
        }
    }

    /// <summary>Each item of each page of the collection at <paramref name="url"/>, in order.</summary>
    public static async IAsyncEnumerable<JsonElement> ItemsAsync(this GraphHttpClient http, string? url, GraphOperation operation, RequestLog log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in http.PagesAsync(url, operation, log, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.GetArray("value"))
            {
                yield return item;
            }
        }
    }
}
