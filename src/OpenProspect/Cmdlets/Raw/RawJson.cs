using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Text;
using System.Text.Json;

namespace OpenProspect.Cmdlets.Raw;

/// <summary>
/// PowerShell values to and from JSON for Invoke-OPApiRequest, the same on PowerShell 7 and Windows PowerShell 5.1
/// (whose ConvertTo-Json writes dates as "\/Date(...)\/" and wraps arrays): hashtables and objects become JSON
/// objects with their names as given, lists become arrays, times become ISO 8601 in UTC.
/// </summary>
internal static class RawJson
{
    /// <summary>Deeper than this is taken for a cycle (an object that refers to itself), not a request body.</summary>
    public const int MaxDepth = 64;

    /// <summary>A string is sent as it is; anything else is written as JSON. UTF-8 either way.</summary>
    public static byte[] ToBody(object body)
    {
        var value = Unwrap(body);
        if (value is string s) return new UTF8Encoding(false).GetBytes(s);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(writer, value, 0);
        return stream.ToArray();
    }

    /// <summary>A query value as the API reads it: invariant numbers, lowercase booleans, UTC ISO 8601 times.</summary>
    public static string QueryText(object value) => Unwrap(value) switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => IsoUtc(d),
        DateTimeOffset o => IsoUtc(o.UtcDateTime),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other?.ToString() ?? "",
    };

    private static void Write(Utf8JsonWriter w, object? value, int depth)
    {
        if (depth > MaxDepth)
            throw new ArgumentException($"-Body is nested deeper than {MaxDepth} levels; an object that refers to itself cannot be sent as JSON.");
        value = Unwrap(value);
        switch (value)
        {
            case null: w.WriteNullValue(); return;
            case string s: w.WriteStringValue(s); return;
            case char c: w.WriteStringValue(c.ToString()); return;
            case bool b: w.WriteBooleanValue(b); return;
            case DateTime d: w.WriteStringValue(IsoUtc(d)); return;
            case DateTimeOffset o: w.WriteStringValue(IsoUtc(o.UtcDateTime)); return;
            case Guid g: w.WriteStringValue(g.ToString()); return;
            case Enum e: w.WriteStringValue(e.ToString()); return;
            case Uri u: w.WriteStringValue(u.OriginalString); return;
            case SecureString or PSCredential:
                throw new ArgumentException("-Body holds a SecureString or PSCredential; secrets are not written into request bodies.");
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                w.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!); return;
            case float or double or decimal:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(number) || double.IsInfinity(number)) throw new ArgumentException($"-Body holds the number {value}, which JSON cannot represent.");
                if (value is decimal m) w.WriteNumberValue(m); else w.WriteNumberValue(number);
                return;
            case IDictionary map:
                w.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    w.WritePropertyName(Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "");
                    Write(w, entry.Value, depth + 1);
                }
                w.WriteEndObject();
                return;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item, depth + 1);
                w.WriteEndArray();
                return;
            default:
                // PSCustomObject and any other object: its properties, in their order.
                w.WriteStartObject();
                foreach (var p in PSObject.AsPSObject(value).Properties)
                {
                    if (!p.IsGettable) continue;
                    w.WritePropertyName(p.Name);
                    Write(w, p.Value, depth + 1);
                }
                w.WriteEndObject();
                return;
        }
    }

    /// <summary>The object behind a PSObject wrapper; a PSCustomObject stays wrapped, since its properties live there.</summary>
    private static object? Unwrap(object? value) =>
        value is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : value;

    /// <summary>UTC with a Z; a time without a kind is the machine's local time, as PowerShell reads it.</summary>
    private static string IsoUtc(DateTime d) =>
        (d.Kind == DateTimeKind.Utc ? d : d.ToUniversalTime()).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// JSON to what a script reads: objects become PSCustomObjects with the API's own names (has_more, total),
    /// arrays object[], numbers long or double, times stay strings exactly as sent.
    /// </summary>
    public static object? ToPSObject(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var o = new PSObject();
            foreach (var p in e.EnumerateObject())
                if (o.Properties[p.Name] is null) o.Properties.Add(new PSNoteProperty(p.Name, ToPSObject(p.Value)));
            return o;
        }
        if (e.ValueKind == JsonValueKind.Array)
        {
            var items = new List<object?>(e.GetArrayLength());
            foreach (var item in e.EnumerateArray()) items.Add(ToPSObject(item));
            return items.ToArray();
        }
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number when e.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}
