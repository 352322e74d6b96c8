using System.Net.Http.Headers;
using System.Text.Json;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// Reads a JSON request body. Malformed JSON is 400 INVALID_JSON; a body that parses but is not what the
/// endpoint takes (no body, not an object, a non-JSON Content-Type, wrong property types) is 422 VALIDATION_ERROR.
/// </summary>
public static class Body
{
    /// <summary>The body's root object, or the error to answer with.</summary>
    public static async Task<(JsonElement Root, IResult? Error)> ReadObjectAsync(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && !IsJson(contentType))
            return (default, ApiErrors.Validation("The request body must be JSON (Content-Type: application/json).",
                "body", "must be sent as application/json", contentType));

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
            return (default, ApiErrors.Validation("A JSON request body is required.", "body", "is required"));
        buffer.Position = 0;
        try
        {
            using var doc = await JsonDocument.ParseAsync(buffer, default, request.HttpContext.RequestAborted);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (default, ApiErrors.Validation("The request body must be a JSON object.",
                    "body", "must be a JSON object", Kind(doc.RootElement)));
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, ApiErrors.InvalidJson($"The request body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>
    /// An optional string property: null when absent or JSON null. Another JSON type adds a problem.
    /// <paramref name="present"/> tells whether the property was in the object at all (even as null).
    /// </summary>
    public static string? OptionalString(JsonElement obj, string name, string field, List<ValidationProblem> problems, out bool present)
    {
        present = obj.TryGetProperty(name, out var value);
        if (!present || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add(new ValidationProblem(field, "must be a string", Provided(value)));
        return null;
    }

    /// <summary>What to show as "provided" for a JSON value: strings as text, other values as they were sent.</summary>
    public static object? Provided(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value,
    };

    /// <summary>The JSON type name for messages ("array", "string", ...).</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Undefined => "nothing",
        var k => k.ToString().ToLowerInvariant(),
    };

    private static bool IsJson(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType is null) return false;
        var type = media.MediaType;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
