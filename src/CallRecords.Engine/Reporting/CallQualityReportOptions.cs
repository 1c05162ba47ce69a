using System;

namespace CallRecords.Engine.Reporting;

/// <summary>What a call quality report says about itself besides the numbers.</summary>
public sealed class CallQualityReportOptions
{
    /// <summary>Gets or sets the heading and the page title.</summary>
    public string Title { get; set; } = "Call quality report";

    /// <summary>Gets or sets when the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Gets or sets what the streams are, such as "Calls that started from ... to ...".</summary>
    public string Scope { get; set; } = "Media streams piped in";
}
