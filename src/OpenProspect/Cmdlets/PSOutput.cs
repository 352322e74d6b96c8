using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace OpenProspect.Cmdlets;

/// <summary>
/// Shapes what goes to the pipeline: the typed model, plus a note property for every field the server sent
/// that the model does not know, so nothing the API returns is hidden.
/// </summary>
internal static class PSOutput
{
    public static object Shape(object item)
    {
        if (item is not ApiObject api || api.AdditionalFields is not { Count: > 0 } extra) return item;
        var ps = PSObject.AsPSObject(item);
        foreach (var field in extra) AddNote(ps, field.Key, field.Value);
        return ps;
    }

    private static void AddNote(PSObject target, string jsonName, JsonElement value)
    {
        var name = PascalCase(jsonName);
        if (target.Properties[name] is not null) name = jsonName;
        if (target.Properties[name] is not null) return;
        target.Properties.Add(new PSNoteProperty(name, ToPowerShell(value)));
    }

    /// <summary>JSON to what ConvertFrom-Json would give: PSCustomObject, object[], string, long, double, bool.</summary>
    public static object? ToPowerShell(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new PSObject();
                foreach (var p in e.EnumerateObject()) AddNote(o, p.Name, p.Value);
                return o;
            case JsonValueKind.Array:
                var list = new List<object?>();
                foreach (var item in e.EnumerateArray()) list.Add(ToPowerShell(item));
                return list.ToArray();
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.TryGetInt64(out var l) ? l : e.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>snake_case to PascalCase, matching the names of the typed properties (employee_count → EmployeeCount).</summary>
    public static string PascalCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        bool upper = true;
        foreach (var ch in name)
        {
            if (ch == '_' || ch == '-' || ch == ' ') { upper = true; continue; }
            sb.Append(upper ? char.ToUpper(ch, CultureInfo.InvariantCulture) : ch);
            upper = false;
        }
        return sb.Length > 0 ? sb.ToString() : name;
    }
}
