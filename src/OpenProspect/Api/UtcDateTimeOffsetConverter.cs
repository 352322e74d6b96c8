using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProspect.Api;

/// <summary>
/// Reads ISO 8601 times; one written without a zone (<c>2026-11-30T12:00:00</c>) is taken as UTC, not as the
/// machine's local time, so a sync watermark does not move with the time zone of the machine that runs it.
/// Writes the round-trip form with its offset.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a time as a string, got {reader.TokenType}.");
        var text = reader.GetString()!;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            return value;
        throw new JsonException($"'{text}' is not an ISO 8601 time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
}
