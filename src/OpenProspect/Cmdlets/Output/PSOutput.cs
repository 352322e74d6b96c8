using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace OpenProspect.Cmdlets.Output;

/// <summary>
/// What goes to the pipeline, and how the fields the server sent beyond a model are named and converted. The model
/// itself is written as it is: <see cref="ApiObjectAdapter"/> shows its unknown fields as properties after the known ones.
/// </summary>
internal static class PSOutput
{
    // (model type, JSON name) → the property's name; computed once, since every item of a listing repeats them.
    private static readonly ConcurrentDictionary<(Type, string), string> NoteNames = new();

    public static object Shape(object item)
    {
        if (item is ProspectSearch { Version: null, IdealCustomerProfile: null })
        {
            // The list endpoint sends id, name and status only: a view without the columns it leaves empty.
            var summary = PSObject.AsPSObject(item);
            summary.TypeNames.Insert(0, ProspectSearchSummaryView);
            return summary;
        }
        return item;
    }

    /// <summary>The type name of the narrower table view for prospect searches as the list endpoint returns them.</summary>
    internal const string ProspectSearchSummaryView = "OpenProspect.ProspectSearch#Summary";

    /// <summary>
    /// The fields the server sent beyond the model, named as PowerShell shows them and converted as
    /// ConvertFrom-Json would convert them, in the order the server sent them.
    /// </summary>
    public static IEnumerable<(string Name, object? Value)> ExtraFields(ApiObject item)
    {
        if (item.AdditionalFields is not { Count: > 0 } extra) yield break;
        HashSet<string>? used = extra.Count > 1 ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
        foreach (var field in extra)
        {
            var name = NoteNames.GetOrAdd((item.GetType(), field.Key), static key => NoteName(key.Item1, key.Item2));
            if (used is not null && !used.Add(name)) continue;   // two JSON spellings of one name: the first wins
            yield return (name, ToPowerShell(field.Value));
        }
    }

    /// <summary>PascalCase, unless the model already has a property of that name (then the JSON name is kept).</summary>
    private static string NoteName(Type type, string jsonName)
    {
        bool Taken(string n) => type.GetProperty(n, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not null;
        var name = PascalCase(jsonName);
        if (!Taken(name)) return name;
        return Taken(jsonName) ? "Api_" + jsonName : jsonName;
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
