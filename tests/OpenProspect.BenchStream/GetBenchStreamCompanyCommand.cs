using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace OpenProspect.BenchStream;

/// <summary>
/// Pages GET /api/v1/companies of one prospect search with limit=100, sequentially, and writes each company as a
/// typed object: what any binary cmdlet must do to stream a listing, without the module's session, retries,
/// prefetch, error handling or output shaping. -WarmUp makes only the authenticated call Connect-OpenProspect
/// makes, so the timed run starts with a warm connection like the module's.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BenchStreamCompany")]
[OutputType(typeof(BenchCompany))]
public sealed class GetBenchStreamCompanyCommand : PSCmdlet
{
    private static HttpClient? _http;

    [Parameter(Mandatory = true)]
    public string Url { get; set; } = "";

    [Parameter(Mandatory = true)]
    public string ApiKey { get; set; } = "";

    [Parameter]
    public string ProspectSearchId { get; set; } = "";

    [Parameter]
    public SwitchParameter WarmUp { get; set; }

    protected override void ProcessRecord()
    {
        if (_http is null)
        {
            _http = new HttpClient { BaseAddress = new Uri(Url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }
        if (WarmUp)
        {
            using var answer = _http.GetAsync("api/v1/auth/validate").GetAwaiter().GetResult();
            answer.EnsureSuccessStatusCode();
            return;
        }
        long offset = 0;
        while (true)
        {
            var page = _http.GetFromJsonAsync(
                $"api/v1/companies?prospect_search_id={Uri.EscapeDataString(ProspectSearchId)}&limit=100&offset={offset}",
                BenchJson.Default.BenchPage).GetAwaiter().GetResult() ?? throw new InvalidOperationException("null page");
            foreach (var company in page.Items) WriteObject(company);
            offset += page.Items.Count;
            if (!page.HasMore || page.Items.Count == 0) return;
        }
    }
}

/// <summary>A company as the endpoint sends it (the fields the module's model has).</summary>
public sealed class BenchCompany
{
    public string Id { get; set; } = "";
    public string? ProspectSearchId { get; set; }
    public string? Name { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? BusinessType { get; set; }
    public string? Website { get; set; }
    public double? MatchScore { get; set; }
    public string? ReviewStatus { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

internal sealed class BenchPage
{
    public List<BenchCompany> Items { get; set; } = new();
    public long Total { get; set; }
    public bool HasMore { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchPage))]
internal sealed partial class BenchJson : JsonSerializerContext;
