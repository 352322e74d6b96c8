using System.Net.Http;
using OpenProspect.Api;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>Which requests may be sent a second time after an answer was lost.</summary>
public sealed class RepeatSafetyTests
{
    private static ApiRequest Request(string method, string path, string? key = null, bool carriesVersion = false) =>
        new(new HttpMethod(method), path) { IdempotencyKey = key, CarriesVersion = carriesVersion };

    [Theory]
    [InlineData("GET", "/api/v1/orders")]
    [InlineData("PUT", "/api/v1/blacklists/b1/assignments")]
    [InlineData("DELETE", "/api/v1/blacklists/b1")]
    [InlineData("delete", "/api/v1/blacklists/b1")]
    public void Idempotent_methods_are_repeatable(string method, string path)
    {
        Assert.True(RepeatSafety.IsRepeatable(Request(method, path)));
    }

    [Fact]
    public void A_patch_is_repeatable_only_when_it_carries_the_version()
    {
        Assert.True(RepeatSafety.IsRepeatable(Request("PATCH", "/api/v1/prospect-searches/p1", carriesVersion: true)));
        Assert.False(RepeatSafety.IsRepeatable(Request("PATCH", "/api/v1/prospect-searches/p1")));
    }

    [Theory]
    [InlineData("/api/v1/search-profile-creations")]
    [InlineData("/api/v1/search-profile-creations/")]
    [InlineData("/API/v1/Search-Profile-Creations")]
    public void The_documented_idempotent_post_is_repeatable_with_a_key(string path)
    {
        Assert.True(RepeatSafety.IsRepeatable(Request("POST", path, key: "k-1")));
    }

    [Fact]
    public void The_documented_idempotent_post_without_a_key_is_not_repeatable()
    {
        Assert.False(RepeatSafety.IsRepeatable(Request("POST", "/api/v1/search-profile-creations")));
    }

    [Theory]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/v1/orders/")]
    [InlineData("/api/v1/blacklists/b1/entries")]
    [InlineData("/api/v1/search-profile-creations/x")]
    public void Other_posts_are_not_repeatable_even_with_a_key(string path)
    {
        Assert.False(RepeatSafety.IsRepeatable(Request("POST", path, key: "k-1")));
        Assert.False(RepeatSafety.IsRepeatable(Request("POST", path)));
    }
}
