using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// JSON as the real API writes it: snake_case property names, nulls written out, times as UTC ISO 8601 with a
/// "Z" (e.g. "2025-11-30T12:00:00Z", fractional seconds only when there are any). Responses are anonymous
/// objects, so the reflection-based resolver is used; the app is not trimmed, so this is safe.
/// </summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            // Plain ' < > & in messages, as a JSON API (not an HTML page) writes them.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A JSON response with the emulator's serializer settings.</summary>
    public static IResult Ok(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, contentType: "application/json", statusCode: status);

    /// <summary>Formats a time the way responses show it.</summary>
    public static string FormatTime(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTime(value));
    }
}
