using System;
using System.Linq;
using CallRecords.Columns;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The one description of columns: what is a column, in which order, and what a flattened object gives.</summary>
public sealed class ColumnSetTests
{
    [Fact]
    public void Flattened_objects_become_prefixed_columns_where_they_are_declared()
    {
        var names = ColumnSet.For<CallRecordMediaStream>().Columns.Select(c => c.Name).ToList();

        Assert.Equal("EndDateTime", names[names.IndexOf("CallerId") - 1]);
        Assert.True(names.IndexOf("CallerSubnet") < names.IndexOf("CalleeId"));
        Assert.True(names.IndexOf("CalleeRenderDeviceName") < names.IndexOf("AudioCodec"));
        Assert.Equal(names.Count(n => n.StartsWith("Caller", StringComparison.Ordinal)), names.Count(n => n.StartsWith("Callee", StringComparison.Ordinal)));
        Assert.DoesNotContain("Caller", names);
        Assert.DoesNotContain("CallerNetwork", names);
    }

    [Fact]
    public void A_column_reads_through_the_flattened_object_and_is_empty_when_it_is_absent()
    {
        var stream = new CallRecordMediaStream { CallerNetwork = new NetworkInfo { Subnet = "10.1.2.0", RelayPort = 3478 } };
        var set = ColumnSet.For<CallRecordMediaStream>();

        Assert.Equal("10.1.2.0", set.Find("callersubnet")!.ValueOf(stream));
        Assert.Equal(3478, set.Find("CallerRelayPort")!.ValueOf(stream));
        Assert.Equal(typeof(int), set.Find("CallerRelayPort")!.Type);
        Assert.Equal(typeof(int?), set.Find("CallerRelayPort")!.DeclaredType);
        stream.CallerNetwork = null!;
        Assert.Null(set.Find("CallerSubnet")!.ValueOf(stream));
    }

    [Fact]
    public void Nested_rows_are_reachable_but_are_not_columns()
    {
        var set = ColumnSet.For<CallRecordSession>();

        Assert.DoesNotContain(set.Columns, c => c.Name == "Segments");
        Assert.Equal("Segments", Assert.Single(set.Nested).Name);
        Assert.Contains(set.Columns, c => c.Name == "CallerFeedbackTokens");
    }

    [Fact]
    public void A_public_property_that_cannot_be_a_column_is_refused()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => ColumnSet.For<RowWithAnObject>());
        Assert.Contains("RowWithAnObject.Endpoint", failure.Message);
    }

    [Fact]
    public void Lists_are_columns_with_their_item_type()
    {
        var reasons = ColumnSet.For<CallRecordMediaStream>().Find("PoorReasons")!;

        Assert.Equal(typeof(PoorReason), reasons.ElementType);
        Assert.False(reasons.IsNested);
    }

    private sealed class RowWithAnObject
    {
        public string? Id { get; set; }

        public CallEndpoint Endpoint { get; set; } = new();
    }
}
