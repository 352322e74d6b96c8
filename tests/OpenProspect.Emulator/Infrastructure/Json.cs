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
/// The alternate dialect (<see cref="Dialect"/>) writes times without a zone, with <see cref="ZonelessOptions"/>.
/// </summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = CreateOptions(withZone: true);

    /// <summary>The same settings, with times written without a zone ("2025-11-30T12:00:00.123456", meaning UTC).</summary>
    public static readonly JsonSerializerOptions ZonelessOptions = CreateOptions(withZone: false);

    private static JsonSerializerOptions CreateOptions(bool withZone)
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
        options.Converters.Add(new UtcTimestampConverter(withZone));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// A JSON response with the emulator's serializer settings; an /api/v1 answer is shaped by the alternate
    /// dialect when that is on (the control plane never is).
    /// </summary>
    public static IResult Ok(object value, int status = StatusCodes.Status200OK) => new JsonAnswer(value, status);

    /// <summary>Formats a time the way responses show it.</summary>
    public static string FormatTime(DateTimeOffset value, bool withZone = true)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.ffffff";
        return utc.ToString(withZone ? format + "'Z'" : format, CultureInfo.InvariantCulture);
    }

    private sealed class JsonAnswer(object value, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext ctx) =>
            ctx.RequestServices.GetService<Dialect>() is { IsAlternate: true } dialect && ctx.IsApiPath()
                ? dialect.WriteAlternateAsync(ctx, value, status)
                : Results.Json(value, Options, contentType: "application/json", statusCode: status).ExecuteAsync(ctx);
    }

    private sealed class UtcTimestampConverter(bool withZone) : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTime(value, withZone));
    }
}
