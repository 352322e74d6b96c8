using System.Text.Json;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>Reads a JSON object body: 400 INVALID_JSON when it does not parse, 422 when it is not an object.</summary>
public static class Body
{
    public static async Task<(JsonElement Root, IResult? Error)> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (default, ApiErrors.Validation("The body must be a JSON object", new ApiErrors.ValidationProblem("body", "must be an object", doc.RootElement.ValueKind.ToString())));
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, ApiErrors.InvalidJson("The request body is not valid JSON: " + ex.Message));
        }
    }

    /// <summary>A string property: null when absent or JSON null; a problem when of another type.</summary>
    public static string? String(JsonElement obj, string name, string field, List<ApiErrors.ValidationProblem> problems)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        problems.Add(new(field, "must be a string", v.ToString()));
        return null;
    }
}
