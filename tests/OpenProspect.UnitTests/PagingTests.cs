using System.Collections.Generic;
using System.Linq;
using OpenProspect.Api;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>Where the next page starts, and every way a listing ends.</summary>
public sealed class PagingTests
{
    private static ListEnvelope<int> Page(int count, bool? hasMore = null, long? total = null) =>
        new() { Items = Enumerable.Range(0, count).ToList(), HasMore = hasMore, Total = total };

    [Fact]
    public void Has_more_true_continues_after_the_rows_received_even_when_the_page_is_short()
    {
        Assert.Equal(130L, Paging.NextOffset(Page(30, hasMore: true), 100, 100));
    }

    [Fact]
    public void Has_more_false_ends_the_list_even_after_a_full_page()
    {
        Assert.Null(Paging.NextOffset(Page(100, hasMore: false), 0, 100));
    }

    [Fact]
    public void Without_has_more_a_full_page_continues_and_a_short_page_ends()
    {
        Assert.Equal(200L, Paging.NextOffset(Page(100), 100, 100));
        Assert.Null(Paging.NextOffset(Page(99), 100, 100));
    }

    [Fact]
    public void Total_ends_the_list_when_the_rows_reach_it_and_continues_below_it()
    {
        Assert.Null(Paging.NextOffset(Page(50, total: 150), 100, 50));
        Assert.Equal(100L, Paging.NextOffset(Page(50, total: 151), 50, 50));
        // a short page below the total continues: the server said how many there are
        Assert.Equal(60L, Paging.NextOffset(Page(10, total: 500), 50, 50));
    }

    [Fact]
    public void Total_ends_the_list_even_when_has_more_says_there_is_more()
    {
        Assert.Null(Paging.NextOffset(Page(100, hasMore: true, total: 100), 0, 100));
    }

    [Fact]
    public void An_empty_page_ends_the_list_whatever_the_server_claims()
    {
        Assert.Null(Paging.NextOffset(Page(0, hasMore: true), 0, 100));
        Assert.Null(Paging.NextOffset(Page(0, total: 1000), 0, 100));
        Assert.Null(Paging.NextOffset(new ListEnvelope<int>(), 0, 100));
    }

    [Fact]
    public void Rows_under_the_orders_key_count_like_items()
    {
        var page = new ListEnvelope<int> { Orders = new List<int> { 1, 2, 3 }, HasMore = true };
        Assert.Equal(13L, Paging.NextOffset(page, 10, 3));
    }
}
