using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProspect;

/// <summary>
/// Base of every object the API returns. Fields the models do not know yet are kept here and appear as
/// properties after the known ones (Cmdlets/Output/ApiObjectAdapter), so a newer server never hides data from a script.
/// </summary>
public abstract class ApiObject
{
    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
