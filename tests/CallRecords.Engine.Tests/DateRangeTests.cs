using System;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The one date range every command uses: clamps, defaults and what it says about them.</summary>
public sealed class DateRangeTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Call_records_default_to_the_days_Graph_keeps_up_to_now_without_a_warning()
    {
        var range = DateRange.ForCallRecords(null, null, s_now);

        Assert.Equal(s_now - DateRange.CallRecordRetention, range.Start);
        Assert.Equal(s_now, range.End);
        Assert.False(range.IsEmpty);
        Assert.Empty(range.Warnings);
    }

    [Fact]
    public void A_start_older_than_Graph_keeps_is_raised_and_an_end_in_the_future_is_clamped_each_with_a_warning()
    {
        var range = DateRange.ForCallRecords(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc), s_now);

        Assert.Equal(s_now - DateRange.CallRecordRetention, range.Start);
        Assert.Equal(s_now, range.End);
        Assert.Equal(2, range.Warnings.Count);
        Assert.Contains("in the future", range.Warnings[0]);
        Assert.Contains("Listing from", range.Warnings[1]);
    }

    [Fact]
    public void A_range_that_ends_before_the_oldest_record_is_empty_with_a_warning()
    {
        var range = DateRange.ForCallRecords(new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 9, 2, 0, 0, 0, DateTimeKind.Utc), s_now);

        Assert.True(range.IsEmpty);
        Assert.Contains("has none", Assert.Single(range.Warnings));
    }

    [Fact]
    public void Call_logs_reach_back_as_far_as_asked()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var range = DateRange.ForCallLogs(start, null, s_now);

        Assert.Equal(new DateTimeOffset(start), range.Start);
        Assert.Equal(s_now, range.End);
        Assert.Empty(range.Warnings);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_start_not_before_the_end_is_an_invalid_range(bool callLogs)
    {
        var start = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);
        var end = start;

        var failure = Assert.Throws<InvalidDateRangeException>(() => _ = callLogs ? DateRange.ForCallLogs(start, end, s_now) : DateRange.ForCallRecords(start, end, s_now));
        Assert.Contains("must be before", failure.Message);
    }

    [Fact]
    public void A_time_without_a_kind_is_local_time_and_a_utc_time_stays_as_it_is()
    {
        var typed = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(new DateTimeOffset(typed.ToUniversalTime(), TimeSpan.Zero), DateRange.ToUtc(typed));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), DateRange.ToUtc(new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc)));
    }
}
