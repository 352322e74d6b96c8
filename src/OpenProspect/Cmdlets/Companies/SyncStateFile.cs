using System;
using System.IO;
using System.Text.Json;
using OpenProspect.Api.Wire;

namespace OpenProspect.Cmdlets;

/// <summary>
/// Reads and writes Sync-OPDelivery's state file. A missing file is an empty state (first run: full sync); a file
/// that does not parse is an error, never a silent full re-sync. Writes go to a temporary file in the same folder
/// that then replaces the old one, so a crash leaves either the old or the new state, never half of one.
/// </summary>
internal static class SyncStateFile
{
    public static SyncState Read(string path)
    {
        if (!File.Exists(path))
            return new SyncState { Format = SyncState.CurrentFormat, ProspectSearches = new(StringComparer.OrdinalIgnoreCase) };
        SyncState? state;
        try
        {
            state = JsonSerializer.Deserialize(File.ReadAllBytes(path), OpenProspectJsonContext.Default.SyncState);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The sync state file '{path}' is not valid JSON ({ex.Message}).", ex);
        }
        if (state is null || state.Format != SyncState.CurrentFormat || state.ProspectSearches is null)
            throw new InvalidDataException($"The sync state file '{path}' is not a Sync-OPDelivery state (format {SyncState.CurrentFormat}).");
        // Prospect-search ids compare without case, as the API treats UUIDs.
        state.ProspectSearches = new System.Collections.Generic.Dictionary<string, SyncEntry>(state.ProspectSearches, StringComparer.OrdinalIgnoreCase);
        return state;
    }

    public static void Write(string path, SyncState state)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            // The same snake_case settings as reading, only indented so a person can read the file.
            var context = new OpenProspectJsonContext(new JsonSerializerOptions(OpenProspectJsonContext.Default.Options) { WriteIndented = true });
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, context.SyncState);
                stream.Flush(true);
            }
            if (File.Exists(path)) File.Replace(temp, path, null);
            else File.Move(temp, path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
