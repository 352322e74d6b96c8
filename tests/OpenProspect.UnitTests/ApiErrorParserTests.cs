using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using OpenProspect.Api;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>What a non-2xx answer becomes, for every body shape the API and the proxies in front of it send.</summary>
public sealed class ApiErrorParserTests
{
    private static readonly ApiRequest Request = new ApiRequest(HttpMethod.Get, "/api/v1/blacklists").AddQuery("limit", "100");

    private static OpenProspectApiException Parse(int status, string? body, string? retryAfter = null, string? reason = null) =>
        ApiErrorParser.Parse(Request, status, reason, body is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body), retryAfter, 3);

    [Fact]
    public void A_flat_body_gives_code_message_details_and_the_request()
    {
        var e = Parse(404, """{"code":"NOT_FOUND","message":"No such blacklist.","details":{"id":"b1"}}""");
        Assert.Equal(404, e.StatusCode);
        Assert.Equal("NOT_FOUND", e.Code);
        Assert.Equal("No such blacklist.", e.Message);
        Assert.Equal("b1", e.Details["id"]);
        Assert.Equal("GET", e.Method);
        Assert.Equal("/api/v1/blacklists?limit=100", e.Path);
        Assert.Equal(3, e.Attempts);
        Assert.Null(e.RetryAfter);
    }

    [Fact]
    public void A_nested_body_is_read_from_inside_error()
    {
        var e = Parse(403, """{"error":{"code":"INSUFFICIENT_SCOPE","message":"Missing scope.","details":{"required_scope":"orders:write"}}}""");
        Assert.Equal("INSUFFICIENT_SCOPE", e.Code);
        Assert.Equal("Missing scope.", e.Message);
        Assert.Equal("orders:write", e.Details["required_scope"]);
    }

    [Fact]
    public void A_string_error_is_the_code_and_top_level_context_joins_the_details()
    {
        var e = Parse(409, """{"error":"CONFLICT","message":"Changed by someone else.","entity_type":"prospect_search"}""");
        Assert.Equal("CONFLICT", e.Code);
        Assert.Equal("Changed by someone else.", e.Message);
        Assert.Equal("prospect_search", e.Details["entity_type"]);
        Assert.False(e.Details.ContainsKey("error"));
        Assert.False(e.Details.ContainsKey("message"));
    }

    [Fact]
    public void An_html_page_gives_no_code_and_a_tag_free_excerpt()
    {
        var e = Parse(502, "<html><head><style>body{color:red}</style><script>var x=1;</script></head><body><h1>502 Bad Gateway</h1>\n\n<p>nginx</p></body></html>", reason: "Bad Gateway");
        Assert.Null(e.Code);
        Assert.Equal("The server answered 502 Bad Gateway without an API error body: 502 Bad Gateway nginx", e.Message);
    }

    [Fact]
    public void An_empty_body_says_so()
    {
        var e = Parse(503, null, reason: "Service Unavailable");
        Assert.Null(e.Code);
        Assert.Equal("The server answered 503 Service Unavailable with an empty body.", e.Message);
        Assert.Empty(e.Details);
    }

    [Theory]
    [InlineData("{not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"code\":42,\"message\":{\"text\":\"x\"}}")]
    public void Garbage_falls_back_to_the_status_and_an_excerpt(string body)
    {
        var e = Parse(500, body, reason: "Internal Server Error");
        Assert.Null(e.Code);
        Assert.StartsWith("The server answered 500 Internal Server Error without an API error body: ", e.Message);
    }

    [Fact]
    public void A_long_body_is_cut_to_a_short_excerpt()
    {
        var e = Parse(500, new string('x', 5000));
        Assert.True(e.Message.Length < 400, e.Message);
        Assert.EndsWith("…", e.Message);
    }

    [Fact]
    public void Validation_errors_are_named_in_the_message()
    {
        var e = Parse(400, """{"code":"VALIDATION_ERROR","message":"Invalid request.","details":{"validation_errors":[{"field":"limit","error":"must be at most 100","provided":500},{"field":"status","error":"unknown value","provided":"DONE"}]}}""");
        Assert.Equal("VALIDATION_ERROR", e.Code);
        Assert.Equal("Invalid request: limit: must be at most 100, provided 500; status: unknown value, provided \"DONE\"", e.Message);
    }

    [Fact]
    public void More_than_five_problems_are_counted_not_named()
    {
        var items = string.Join(",", Enumerable.Range(1, 8).Select(i => $$"""{"field":"f{{i}}","error":"bad"}"""));
        var e = Parse(400, $$"""{"code":"VALIDATION_ERROR","validation_errors":[{{items}}]}""");
        Assert.Equal("The request failed validation: f1: bad; f2: bad; f3: bad; f4: bad; f5: bad; and 3 more", e.Message);
    }

    [Fact]
    public void A_framework_detail_list_is_read_with_its_location_and_input()
    {
        var e = Parse(422, """{"detail":[{"loc":["body","entries",0,"website_url"],"msg":"invalid url","input":"not a site"},{"loc":["query","limit"],"msg":"field required","input":null}]}""");
        Assert.Null(e.Code);
        Assert.Equal("The request failed validation: entries.0.website_url: invalid url, provided \"not a site\"; limit: field required", e.Message);
    }

    [Fact]
    public void A_framework_detail_string_is_the_message()
    {
        var e = Parse(404, """{"detail":"Not Found"}""");
        Assert.Equal("Not Found", e.Message);
    }

    [Fact]
    public void Retry_after_in_seconds_comes_from_the_header()
    {
        Assert.Equal(TimeSpan.FromSeconds(12), Parse(429, """{"code":"RATE_LIMITED","message":"Slow down."}""", "12").RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1.5), Parse(429, null, " 1.5 ").RetryAfter);
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_until_then()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(40).ToString("r", CultureInfo.InvariantCulture);
        var wait = Parse(429, null, at).RetryAfter;
        Assert.NotNull(wait);
        Assert.InRange(wait!.Value.TotalSeconds, 30, 40);
    }

    [Fact]
    public void Retry_after_as_a_past_http_date_means_now()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("r", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, Parse(429, null, at).RetryAfter);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("soon")]
    [InlineData("")]
    public void A_retry_after_header_that_is_no_wait_is_ignored(string header)
    {
        Assert.Null(Parse(429, null, header).RetryAfter);
    }

    [Fact]
    public void Retry_after_in_the_body_is_used_when_there_is_no_header()
    {
        Assert.Equal(TimeSpan.FromSeconds(9), Parse(429, """{"code":"RATE_LIMITED","message":"Slow down.","retry_after":9}""").RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(4), Parse(429, """{"error":{"code":"RATE_LIMITED","message":"Slow down.","details":{"retry_after":"4"}}}""").RetryAfter);
    }

    [Fact]
    public void The_header_wins_over_the_body()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Parse(429, """{"code":"RATE_LIMITED","message":"Slow down.","retry_after":9}""", "2").RetryAfter);
    }
}
