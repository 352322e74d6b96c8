using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace OpenProspect.Api.Wire;

/// <summary>PATCH body: the version for optimistic locking, the field mask, and only the fields being changed.</summary>
internal sealed class UpdateProspectSearchBody
{
    public int Version { get; set; }

    public List<string> UpdateMask { get; set; } = new();

    public string? Name { get; set; }

    public string? IdealCustomerProfile { get; set; }

    /// <summary>Admin-only; left to the server to accept or strip. Shape not documented, so passed through as JSON.</summary>
    public JsonElement? GeoLocations { get; set; }

    /// <summary>Admin-only; see <see cref="GeoLocations"/>.</summary>
    public JsonElement? SearchKeywords { get; set; }
}

/// <summary>
/// What Set-OPProspectSearch changes, in the cmdlet's terms; <see cref="ToBody"/> turns it into the PATCH body with
/// its field mask, and <see cref="IsHeldBy"/> tells whether a search already holds it (a lost answer's retry).
/// </summary>
internal sealed class ProspectSearchChange
{
    public string? Name { get; set; }

    public string? IdealCustomerProfile { get; set; }

    public string[]? GeoLocations { get; set; }

    public string[]? SearchKeywords { get; set; }

    /// <summary>The API's names of the fields this change sets, as the field mask lists them.</summary>
    public List<string> Mask
    {
        get
        {
            var mask = new List<string>();
            if (Name is not null) mask.Add("name");
            if (IdealCustomerProfile is not null) mask.Add("ideal_customer_profile");
            if (GeoLocations is not null) mask.Add("geo_locations");
            if (SearchKeywords is not null) mask.Add("search_keywords");
            return mask;
        }
    }

    public UpdateProspectSearchBody ToBody(int version) => new()
    {
        Version = version,
        UpdateMask = Mask,
        Name = Name,
        IdealCustomerProfile = IdealCustomerProfile,
        GeoLocations = GeoLocations is null ? null : JsonArray(GeoLocations),
        SearchKeywords = SearchKeywords is null ? null : JsonArray(SearchKeywords),
    };

    /// <summary>True when <paramref name="now"/> holds every field of this change, one version after <paramref name="sentVersion"/>.</summary>
    public bool IsHeldBy(ProspectSearch now, int sentVersion) =>
        now.Version == sentVersion + 1
        && (Name is null || Name == now.Name)
        && (IdealCustomerProfile is null || IdealCustomerProfile == now.IdealCustomerProfile)
        && (GeoLocations is null || Holds(now, "geo_locations", GeoLocations))
        && (SearchKeywords is null || Holds(now, "search_keywords", SearchKeywords));

    // The model keeps these admin-only fields among the fields it does not know.
    private static bool Holds(ProspectSearch now, string field, string[] values) =>
        now.AdditionalFields is { } extra && extra.TryGetValue(field, out var stored)
        && stored.ValueKind == JsonValueKind.Array
        && stored.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()).SequenceEqual(values);

    private static JsonElement JsonArray(string[] values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var v in values) writer.WriteStringValue(v);
            writer.WriteEndArray();
        }
        using var doc = JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.Clone();
    }
}
