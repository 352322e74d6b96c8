// The floor for build/Bench.ps1: what the module's work costs when nothing but HttpClient and System.Text.Json
// does it. Sequential on purpose (one request at a time, like the module and a user's script), typed models from
// a source-generated context (like the module), and no retries, logging or PowerShell objects.
//
//   stream <baseUrl> <apiKey> <prospectSearchId>               pages GET /api/v1/companies with limit=100
//   bulk   <baseUrl> <apiKey> <blacklistId> <csvPath> [batch]  posts the CSV rows to /api/v1/blacklists/{id}/entries
//
// Prints one line "<items> <milliseconds>". The clock starts after one authenticated call (GET
// /api/v1/auth/validate), because the module's Connect-OpenProspect makes that call before the timed command too,
// so both are timed with a warm connection.

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

if (args.Length < 4 || args[0] is not ("stream" or "bulk") || (args[0] == "bulk" && args.Length < 5))
{
    Console.Error.WriteLine("usage: stream <baseUrl> <apiKey> <prospectSearchId> | bulk <baseUrl> <apiKey> <blacklistId> <csvPath> [batchSize]");
    return 2;
}

var baseUri = new Uri(args[1].TrimEnd('/') + "/");
using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args[2]);
http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

// The same warm-up the module gets from Connect-OpenProspect.
(await http.GetAsync("api/v1/auth/validate")).EnsureSuccessStatusCode();

var clock = Stopwatch.StartNew();
long count = args[0] == "stream"
    ? await StreamAsync(http, args[3])
    : await BulkAsync(http, args[3], args[4], args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 10_000);
clock.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} {clock.Elapsed.TotalMilliseconds:0.0}"));
return 0;

// Pages the list until has_more is false; counts the typed companies, as Measure-Object counts the module's.
static async Task<long> StreamAsync(HttpClient http, string prospectSearchId)
{
    long offset = 0, count = 0;
    while (true)
    {
        var page = await http.GetFromJsonAsync(
            $"api/v1/companies?prospect_search_id={Uri.EscapeDataString(prospectSearchId)}&limit=100&offset={offset}",
            FloorJson.Default.CompanyPage) ?? throw new InvalidOperationException("null page");
        count += page.Items.Count;
        offset += page.Items.Count;
        if (!page.HasMore || page.Items.Count == 0) return count;
    }
}

// Reads the CSV written by Bench.ps1 (a header line, then plain comma-separated values without quotes) and posts
// it in batches, as Add-OPBlacklistEntry does with rows from Import-Csv.
static async Task<long> BulkAsync(HttpClient http, string blacklistId, string csvPath, int batchSize)
{
    using var lines = File.ReadLines(csvPath).GetEnumerator();
    if (!lines.MoveNext()) return 0;
    var header = lines.Current.Split(',');
    int name = Array.IndexOf(header, "CompanyName"), site = Array.IndexOf(header, "Website"),
        id = Array.IndexOf(header, "ExternalId"), city = Array.IndexOf(header, "City"), country = Array.IndexOf(header, "Country");
    var path = $"api/v1/blacklists/{Uri.EscapeDataString(blacklistId)}/entries";
    var batch = new List<Entry>(batchSize);
    long sent = 0;
    while (lines.MoveNext())
    {
        var f = lines.Current.Split(',');
        batch.Add(new Entry(f[name], f[site], f[id], f[city], f[country]));
        if (batch.Count == batchSize) { sent += await PostAsync(http, path, batch); batch.Clear(); }
    }
    if (batch.Count > 0) sent += await PostAsync(http, path, batch);
    return sent;
}

static async Task<int> PostAsync(HttpClient http, string path, List<Entry> batch)
{
    using var response = await http.PostAsJsonAsync(path, new EntriesBody(batch), FloorJson.Default.EntriesBody);
    response.EnsureSuccessStatusCode();
    var answer = await response.Content.ReadFromJsonAsync(FloorJson.Default.AddAnswer) ?? throw new InvalidOperationException("null answer");
    return answer.Added + answer.Duplicates;
}

internal sealed record Company(
    string Id, string? ProspectSearchId, string? Name, string? City, string? Country, string? BusinessType, string? Website,
    double? MatchScore, string? ReviewStatus, DateTimeOffset? CreatedAt, DateTimeOffset? DeliveredAt);

internal sealed record CompanyPage(List<Company> Items, long Total, bool HasMore);

internal sealed record Entry(string CompanyName, string WebsiteUrl, string ExternalId, string City, string Country);

internal sealed record EntriesBody(List<Entry> Entries);

internal sealed record AddAnswer(int Added, int Duplicates);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CompanyPage))]
[JsonSerializable(typeof(EntriesBody))]
[JsonSerializable(typeof(AddAnswer))]
internal sealed partial class FloorJson : JsonSerializerContext;
