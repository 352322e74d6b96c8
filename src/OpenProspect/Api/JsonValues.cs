using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OpenProspect.Api;

/// <summary>Converts loosely typed JSON (error details, unknown fields) to plain .NET values.</summary>
internal static class JsonValues
{
    public static object? ToDotNet(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        // Boxed before the choice: a conditional of long and double would turn every whole number into a double.
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => ToArray(e),
        JsonValueKind.Object => ToDictionary(e),
        _ => null,
    };

    private static object?[] ToArray(JsonElement e)
    {
        var list = new List<object?>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray()) list.Add(ToDotNet(item));
        return list.ToArray();
    }

    private static Dictionary<string, object?> ToDictionary(JsonElement e)
    {
        var d = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in e.EnumerateObject()) d[p.Name] = ToDotNet(p.Value);
        return d;
    }
}
