using System;
using System.IO;
using System.Text.Json;
using OpenProspect.Api;
using OpenProspect.Api.Wire;

namespace OpenProspect.Sync;

/// <summary>
/// Reads and writes Sync-OPDelivery's state file. A missing file is an empty state (first run: full sync); a file
/// that does not parse is an error, never a silent full re-sync. Writes go through <see cref="AtomicFile"/>, so a
/// crash leaves either the old or the new state, never half of one.
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

    public static void Write(string path, SyncState state) =>
        AtomicFile.Write(path, stream =>
        {
            // The same snake_case settings as reading, only indented so a person can read the file.
            var context = new OpenProspectJsonContext(new JsonSerializerOptions(OpenProspectJsonContext.Default.Options) { WriteIndented = true });
            JsonSerializer.Serialize(stream, state, context.SyncState);
        });
}
