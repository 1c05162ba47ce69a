using System.Collections.Generic;

namespace CallRecords.Engine.Sync;

/// <summary>
/// The views both stores keep for dashboards (Power BI, Grafana, plain SQL), each with TenantId and a day or month
/// column to filter a time range on. Poor streams are counted as Export-CallQualityReport counts them: of the streams
/// a verdict could be given for (Good or Poor), attributed to the caller's subnet and user as its tables are.
/// </summary>
internal static class StoreViews
{
    /// <summary>The views' names and their SELECT statements in the dialect.</summary>
    public static IReadOnlyList<(string Name, string Select)> For(StoreDialect dialect)
    {
        var day = dialect.DayOf("\"StartDateTime\"");
        const string Counts = "count(*) AS \"ClassifiedStreams\", sum(CASE WHEN \"Quality\" = 'Poor' THEN 1 ELSE 0 END) AS \"PoorStreams\", " +
            "round(100.0 * sum(CASE WHEN \"Quality\" = 'Poor' THEN 1 ELSE 0 END) / count(*), 2) AS \"PoorPercent\"";
        const string Classified = "FROM \"CallRecordMediaStream\" WHERE \"Quality\" IN ('Good', 'Poor') AND \"StartDateTime\" IS NOT NULL";
        return new[]
        {
            ("PoorStreamsByDay",
                $"SELECT \"TenantId\", {day} AS \"Day\", \"MediaType\", {Counts} {Classified} GROUP BY \"TenantId\", {day}, \"MediaType\""),
            ("PoorStreamsBySubnet",
                $"SELECT \"TenantId\", {day} AS \"Day\", \"CallerSubnet\" AS \"Subnet\", \"MediaType\", {Counts} {Classified} GROUP BY \"TenantId\", {day}, \"CallerSubnet\", \"MediaType\""),
            ("PoorStreamsByUser",
                $"SELECT \"TenantId\", {day} AS \"Day\", coalesce(\"CallerUserPrincipalName\", \"CallerDisplayName\", \"CallerId\") AS \"User\", \"MediaType\", {Counts} {Classified} " +
                $"GROUP BY \"TenantId\", {day}, coalesce(\"CallerUserPrincipalName\", \"CallerDisplayName\", \"CallerId\"), \"MediaType\""),
            ("PstnUsageByUserMonth",
                $"SELECT \"TenantId\", {dialect.MonthOf("\"StartDateTime\"")} AS \"Month\", \"UserPrincipalName\", \"Currency\", count(*) AS \"Calls\", " +
                "sum(coalesce(\"Duration\", 0)) / 60.0 AS \"Minutes\", sum(coalesce(\"Charge\", 0)) AS \"Charge\", sum(coalesce(\"ConnectionCharge\", 0)) AS \"ConnectionCharge\" " +
                $"FROM \"PstnCallLogRow\" WHERE \"StartDateTime\" IS NOT NULL GROUP BY \"TenantId\", {dialect.MonthOf("\"StartDateTime\"")}, \"UserPrincipalName\", \"Currency\""),
        };
    }
}
