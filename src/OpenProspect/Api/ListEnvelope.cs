using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProspect.Api;

/// <summary>
/// A page of a list. The API uses <c>items</c>; the orders list has been documented as <c>orders</c>, so both
/// are read; any other array-valued property is found by the client (one warning, never zero rows in silence).
/// <c>has_more</c> is missing on some lists; <see cref="Paging"/> then falls back to <c>total</c>.
/// </summary>
internal sealed class ListEnvelope<T>
{
    public List<T>? Items { get; set; }

    public List<T>? Orders { get; set; }

    public long? Total { get; set; }

    public int? Limit { get; set; }

    public int? Offset { get; set; }

    public bool? HasMore { get; set; }

    /// <summary>Top-level properties the module does not know; where the array is when neither key above holds it.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }

    [JsonIgnore]
    public List<T> Rows => Items ?? Orders ?? new List<T>();
}
