using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenProspect.Cmdlets.Output;
using OpenProspect.Sync;

namespace OpenProspect.Cmdlets.Deliveries;

/// <summary>
/// Sync-OPDelivery -OutFile: writes the run's rows to "&lt;target&gt;.partial" in the target's folder and, only once
/// every row is in and flushed to disk, renames it over the target. A run that fails, is stopped or is killed
/// leaves the previous target as it was (a killed run's partial file is removed by the next run).
/// CSV columns are the row type's properties in declaration order, then any fields the server added, by name;
/// so the columns do not move when the API adds a field or the rows arrive in another order. Since those extra
/// fields are known only at the end, a CSV run spools JSON lines first and writes the CSV from them.
/// </summary>
internal sealed class SyncOutputFile : IDisposable
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly bool _csv;
    private readonly Type _rowType;
    private readonly List<string> _extraColumns = new();
    private readonly HashSet<string> _extraSeen = new(StringComparer.Ordinal);
    private FileStream? _lines;
    private Utf8JsonWriter? _json;
    private bool _done;

    private SyncOutputFile(string target, bool csv, Type rowType)
    {
        Target = target;
        _csv = csv;
        _rowType = rowType;
        PartialPath = target + ".partial";
        // The JSON lines: the output itself, or for CSV the spool the CSV is written from at the end.
        LinesPath = csv ? target + ".spool.partial" : PartialPath;
        _lines = new FileStream(LinesPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _json = new Utf8JsonWriter(_lines, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public string Target { get; }

    public string PartialPath { get; }

    private string LinesPath { get; }

    public long Rows { get; private set; }

    /// <summary>"csv", "jsonl" (also ".ndjson"), or null for an extension the writer does not know.</summary>
    public static string? FormatOf(string target) => Path.GetExtension(target).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".jsonl" or ".ndjson" => "jsonl",
        _ => null,
    };

    public static SyncOutputFile Open(string target, Type rowType)
    {
        var format = FormatOf(target) ?? throw new ArgumentException($"'{target}' does not end in .csv, .jsonl or .ndjson.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        return new SyncOutputFile(target, format == "csv", rowType);
    }

    /// <summary>Removes what a killed run left beside the target; the caller holds the sync lock, so no live run owns them.</summary>
    public static void RemoveStalePartials(string target)
    {
        AtomicFile.TryDelete(target + ".partial");
        AtomicFile.TryDelete(target + ".spool.partial");
    }

    public void Write(object row)
    {
        var json = _json ?? throw new ObjectDisposedException(nameof(SyncOutputFile));
        json.WriteStartObject();
        foreach (var (name, value) in Fields(row))
        {
            if (_csv && row.GetType() == _rowType && !IsKnown(_rowType, name) && _extraSeen.Add(name)) _extraColumns.Add(name);
            json.WritePropertyName(name);
            WriteValue(json, value);
        }
        json.WriteEndObject();
        json.Flush();
        json.Reset();   // one JSON value per line: the writer starts afresh for the next one
        _lines!.WriteByte((byte)'\n');
        Rows++;
    }

    /// <summary>Finishes the file, flushes it to disk and renames it over the target.</summary>
    public void Complete()
    {
        _json!.Flush();
        _lines!.Flush(true);
        _json.Dispose();
        _lines.Dispose();
        _json = null;
        _lines = null;
        if (_csv)
        {
            WriteCsv();
            File.Delete(LinesPath);
        }
        AtomicFile.MoveOver(PartialPath, Target);
        _done = true;
    }

    private void WriteCsv()
    {
        var columns = KnownColumns(_rowType).Concat(_extraColumns.OrderBy(c => c, StringComparer.Ordinal)).ToList();
        using var csv = new FileStream(PartialPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using (var writer = new StreamWriter(csv, Utf8, 1 << 16) { NewLine = "\r\n" })
        {
            writer.WriteLine(string.Join(",", columns.Select(Quote)));
            using var spool = new StreamReader(LinesPath, Utf8);
            string? line;
            var cells = new string[columns.Count];
            while ((line = spool.ReadLine()) is not null)
            {
                using var doc = JsonDocument.Parse(line);
                for (int i = 0; i < columns.Count; i++)
                    cells[i] = doc.RootElement.TryGetProperty(columns[i], out var v) ? Quote(Cell(v)) : "\"\"";
                writer.WriteLine(string.Join(",", cells));
            }
            writer.Flush();
            csv.Flush(true);
        }
    }

    private static string Cell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => v.GetRawText(),   // numbers as sent; nested objects and arrays as compact JSON
    };

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    public void Dispose()
    {
        _json?.Dispose();
        _lines?.Dispose();
        _json = null;
        _lines = null;
        if (_done) return;
        AtomicFile.TryDelete(PartialPath);
        AtomicFile.TryDelete(LinesPath);
    }

    internal static IEnumerable<string> KnownColumns(Type type) => PublicProperties(type).Select(p => p.Name);

    private static bool IsKnown(Type type, string name) => PublicProperties(type).Any(p => p.Name == name);

    /// <summary>The model's own properties (aliases marked JsonIgnore left out), then the fields the server added.</summary>
    internal static IEnumerable<(string Name, object? Value)> Fields(object row)
    {
        foreach (var p in PublicProperties(row.GetType())) yield return (p.Name, p.GetValue(row));
        if (row is ApiObject api)
            foreach (var field in PSOutput.ExtraFields(api)) yield return field;
    }

    private static PropertyInfo[] PublicProperties(Type type) => Properties.GetOrAdd(type, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
        .OrderBy(p => p.MetadataToken)
        .ToArray());

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case PSObject ps when ps.BaseObject is PSCustomObject:
                w.WriteStartObject();
                foreach (var p in ps.Properties) { w.WritePropertyName(p.Name); WriteValue(w, p.Value); }
                w.WriteEndObject();
                break;
            case PSObject ps:
                WriteValue(w, ps.BaseObject);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case Enum en:
                w.WriteStringValue(en.ToString());
                break;
            case DateTimeOffset dto:
                w.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                w.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture));
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case float f:
                w.WriteNumberValue(f);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case JsonElement e:
                e.WriteTo(w);
                break;
            case IDictionary map:
                w.WriteStartObject();
                foreach (DictionaryEntry kv in map) { w.WritePropertyName(Convert.ToString(kv.Key, CultureInfo.InvariantCulture) ?? ""); WriteValue(w, kv.Value); }
                w.WriteEndObject();
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) WriteValue(w, item);
                w.WriteEndArray();
                break;
            default:
                w.WriteStartObject();
                foreach (var (name, v) in Fields(value)) { w.WritePropertyName(name); WriteValue(w, v); }
                w.WriteEndObject();
                break;
        }
    }
}
