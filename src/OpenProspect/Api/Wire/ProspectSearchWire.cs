using System.Collections.Generic;
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
