using System;
using System.Globalization;

namespace CallRecords.Engine;

/// <summary>
/// The one text form of an instant the module writes, to Graph ($filter, function parameters, subscription expiry)
/// and to its stores: UTC with seven decimals, such as 2026-11-25T00:00:00.0000000Z, so every writer agrees to the
/// tick and the text sorts as time.
/// </summary>
public static class GraphTime
{
    /// <summary>The instant in UTC, to the tick.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
