using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets;

/// <summary>
/// The scheduled-task form of the documented pull integration: for each prospect search, emits the companies
/// delivered since the watermark in the state file, each once, and saves the new watermark only after every
/// page of every search was emitted. A run that fails or is stopped leaves the state file untouched, so the
/// next run delivers the same companies again: nothing is lost, at the cost of a possible repeat.
/// </summary>
[Cmdlet(VerbsData.Sync, "OPDelivery")]
[OutputType(typeof(Company), typeof(ProspectRow))]
[RequiresScope(Scopes.CompaniesRead, Scopes.ProspectsRead)]
public sealed class SyncOPDeliveryCommand : ProspectExpandingCmdlet
{
    private readonly List<string> _searches = new();
    private SyncState _state = null!;
    private string _path = "";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string[] ProspectSearchId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string StatePath { get; set; } = "";

    [Parameter]
    [ValidateRange(0, 86400)]
    public int OverlapSec { get; set; } = 300;

    [Parameter]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _path = GetUnresolvedProviderPathFromPSPath(StatePath);
        try
        {
            _state = SyncStateFile.Read(_path);
        }
        catch (InvalidDataException ex)
        {
            ThrowTerminatingError(ErrorRecords.Create("SyncStateCorrupt", ErrorCategory.InvalidData, ex.Message, _path,
                "Restore the file from a backup, or delete it to start again with a full sync (every delivered company is emitted again).", ex));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecords.Create("SyncStateUnreadable", ErrorCategory.ReadError,
                $"The sync state file '{_path}' could not be read: {ex.Message}", _path,
                "Check the file's permissions and that no other process holds it; nothing was synced.", ex));
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var id in ProspectSearchId)
            if (!_searches.Contains(id, StringComparer.OrdinalIgnoreCase)) _searches.Add(id);
    }

    protected override void EndProcessing()
    {
        var overlap = TimeSpan.FromSeconds(OverlapSec);
        bool complete = true;
        foreach (var search in _searches)
        {
            var runStart = DateTimeOffset.UtcNow;
            _state.ProspectSearches.TryGetValue(search, out var previous);
            var seen = new HashSet<string>(previous?.RecentIds ?? new List<string>(), StringComparer.OrdinalIgnoreCase);
            DateTimeOffset? since = previous?.Watermark - overlap;
            DateTimeOffset? newest = previous?.Watermark;
            var received = new List<(string Id, DateTimeOffset? At)>();
            long emitted = 0;

            bool ok = WritePages((offset, limit, ct) => Client.ListDeliveredCompaniesAsync(search, since, offset, limit, ct), PageSize, search,
                company =>
                {
                    received.Add((company.Id, company.DeliveredAt));
                    if (company.DeliveredAt is { } at && (newest is null || at > newest)) newest = at;
                    if (!seen.Add(company.Id)) return false;   // emitted by an earlier run (overlap) or earlier in this run
                    emitted++;
                    return true;
                });
            if (!ok)
            {
                complete = false;
                continue;
            }

            // Without delivery times the run's start is the watermark, and every id received is remembered.
            var watermark = received.Any(r => r.At is null) ? runStart : newest;
            var keepFrom = watermark - overlap;
            // This run asked for everything after (old watermark - overlap), which covers the new window, so the
            // ids worth remembering are all among what it received.
            var recent = received.Where(r => r.At is null || keepFrom is null || r.At >= keepFrom).Select(r => r.Id)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            _state.ProspectSearches[search] = new SyncEntry
            {
                Watermark = watermark,
                RecentIds = recent,
                LastRunAt = runStart,
                TotalEmitted = (previous?.TotalEmitted ?? 0) + emitted,
            };
            WriteVerbose($"Prospect search {search}: {emitted} new of {received.Count} received; watermark {watermark:o}.");
        }

        if (!complete)
        {
            WriteWarning($"The state file '{_path}' was not changed because a prospect search did not sync completely; the next run delivers the same companies again.");
            return;
        }
        try
        {
            SyncStateFile.Write(_path, _state);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecords.Create("SyncStateWriteFailed", ErrorCategory.WriteError,
                $"The companies were emitted, but the state file '{_path}' could not be written: {ex.Message}", _path,
                "Make the folder writable; until then every run emits the same companies again.", ex));
        }
    }
}
