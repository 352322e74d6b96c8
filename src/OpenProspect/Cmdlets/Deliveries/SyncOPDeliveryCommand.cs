using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Cmdlets.Output;
using OpenProspect.Session;
using OpenProspect.Sync;

namespace OpenProspect.Cmdlets.Deliveries;

/// <summary>
/// The scheduled-task form of the documented pull integration: for each prospect search, emits the companies
/// delivered since the watermark in the state file, each once. Three forms differ only in when the new watermark
/// counts: by default it is saved once every page of every search was emitted; with -OutFile once the file is
/// complete on disk; with -NoCommit it is recorded as pending until Complete-OPDeliverySync confirms it. A run
/// that fails or is stopped leaves the state file untouched, so the next run delivers the same companies again.
/// The whole run holds an exclusive lock beside the state file, so overlapping runs cannot both deliver.
/// </summary>
[Cmdlet(VerbsData.Sync, "OPDelivery", DefaultParameterSetName = "Id")]
[OutputType(typeof(Company), typeof(ProspectRow))]
[RequiresScope(Scopes.CompaniesRead, Scopes.ProspectsRead)]
public sealed class SyncOPDeliveryCommand : ProspectExpandingCmdlet, IDisposable
{
    private SyncOutputFile? _file;   // set while a search is listed with -OutFile
    private long _emitted;
    /// <summary>
    /// Run ids of the pending watermarks this process recorded, per state file and search, so that
    /// Complete-OPDeliverySync in the same process refuses to confirm a pending watermark another run put there.
    /// </summary>
    internal static readonly ConcurrentDictionary<(string StatePath, string Search), string> PendingRuns = new();

    private readonly List<string> _searches = new();
    private SyncState _state = null!;
    private string _path = "";
    private string? _outFile;
    private SyncLock? _lock;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string[] ProspectSearchId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = "Name")]
    [ArgumentCompleter(typeof(ProspectSearchNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ProspectSearchName { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string StatePath { get; set; } = "";

    [Parameter]
    [ValidateRange(0, 86400)]
    public int OverlapSec { get; set; } = 300;

    [Parameter]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    /// <summary>Records the new watermark as pending; Complete-OPDeliverySync commits it once the consumer succeeded.</summary>
    [Parameter]
    public SwitchParameter NoCommit { get; set; }

    /// <summary>Writes the rows to this .csv or .jsonl file (replacing it) instead of the pipeline; commits once the file is complete.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>How long to wait for another run on the same state file to finish; 0 fails at once.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockTimeoutSec { get; set; }

    protected override void BeginProcessing()
    {
        _path = GetUnresolvedProviderPathFromPSPath(StatePath);
        if (OutFile is not null)
        {
            _outFile = GetUnresolvedProviderPathFromPSPath(OutFile);
            if (SyncOutputFile.FormatOf(_outFile) is null)
                ThrowTerminatingError(ErrorRecords.Create("SyncOutFileFormat", ErrorCategory.InvalidArgument,
                    $"-OutFile '{_outFile}' must end in .csv, .jsonl or .ndjson; the extension chooses the format.", _outFile,
                    "Name the file deliveries.csv (one row per company, or per prospect with -ExpandProspect) or deliveries.jsonl (one JSON object per line)."));
            if (string.Equals(Path.GetFullPath(_outFile), Path.GetFullPath(_path), StringComparison.OrdinalIgnoreCase))
                ThrowTerminatingError(ErrorRecords.Create("SyncOutFileFormat", ErrorCategory.InvalidArgument,
                    "-OutFile and -StatePath name the same file.", _outFile, "Give the output file its own name."));
        }
        base.BeginProcessing();   // session and scope checks: nothing is sent before them
        _lock = SyncCmdlets.AcquireLock(this, _path, LockTimeoutSec, StopToken);
        try
        {
            // Holding the lock, nothing else writes beside this state file: what a killed run left can go.
            AtomicFile.RemoveStaleTemps(_path);
            if (_outFile is not null) SyncOutputFile.RemoveStalePartials(_outFile);
            _state = SyncCmdlets.ReadState(this, _path);
        }
        catch
        {
            ReleaseLock();
            throw;
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var id in ProspectSearchName?.Select(ProspectSearchIdByName) ?? ProspectSearchId)
            if (!_searches.Contains(id, StringComparer.OrdinalIgnoreCase)) _searches.Add(id);
    }

    protected override void EndProcessing()
    {
        try
        {
            using var file = OpenOutFile();
            var results = new Dictionary<string, (SyncEntry? Committed, SyncPending Run)>(StringComparer.OrdinalIgnoreCase);
            bool complete = true;
            foreach (var search in _searches)
            {
                var run = SyncOne(search, file);
                if (run is not null)
                {
                    results[search] = run.Value;
                    continue;
                }
                complete = false;
                // The pipeline forms still pass the other searches on, as before; a file that will be discarded need not be.
                if (file is not null) break;
            }
            if (!complete)
            {
                WriteWarning($"The state file '{_path}' was not changed{(file is null ? "" : $" and '{_outFile}' was not written")} because a prospect search did not sync completely; the next run delivers the same companies again.");
                return;
            }

            if (file is not null)
            {
                OutFileStep(file.Complete);
                WriteVerbose($"Wrote {file.Rows} row(s) to '{_outFile}'.");
            }

            foreach (var pair in results)
            {
                var (committed, run) = pair.Value;
                _state.ProspectSearches[pair.Key] = NoCommit ? SyncWatermark.WithPending(committed, run) : SyncWatermark.Commit(committed, run);
            }
            WriteState();
            foreach (var pair in results)
            {
                var key = (Path.GetFullPath(_path), pair.Key.ToLowerInvariant());
                if (NoCommit) PendingRuns[key] = pair.Value.Run.RunId;
                else PendingRuns.TryRemove(key, out _);
            }
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C: the streams are closed by now, but the host can still tell the user the run is safe to repeat.
            Host?.UI?.WriteWarningLine($"Sync-OPDelivery was stopped: the state file '{_path}' was left unchanged{(_outFile is null ? "" : $" and '{_outFile}' was not written")}; the next run starts from the same watermark.");
            throw;
        }
        finally
        {
            ReleaseLock();
        }
    }

    private SyncOutputFile? OpenOutFile()
    {
        if (_outFile is null) return null;
        SyncOutputFile? file = null;
        OutFileStep(() => file = SyncOutputFile.Open(_outFile, ExpandProspect ? typeof(ProspectRow) : typeof(Company)));
        return file;
    }

    /// <summary>Runs a step of writing -OutFile; a file-system failure stops the run before the state is touched.</summary>
    private void OutFileStep(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecords.Create("SyncOutFileWriteFailed", ErrorCategory.WriteError,
                $"The deliveries could not be written to '{_outFile}': {ex.Message} The state file was not changed.", _outFile,
                "Make the folder writable and run again; the next run delivers the same companies.", ex));
        }
    }

    /// <summary>Delivers one search to the pipeline or the file; null when its listing did not finish.</summary>
    private (SyncEntry? Committed, SyncPending Run)? SyncOne(string search, SyncOutputFile? file)
    {
        var overlap = TimeSpan.FromSeconds(OverlapSec);
        var runStart = DateTimeOffset.UtcNow;
        _state.ProspectSearches.TryGetValue(search, out var entry);
        if (entry?.Pending is { } stale)
            WriteWarning($"Prospect search {search}: a -NoCommit run of {stale.RunAt:u} ({stale.Emitted} row(s)) was never confirmed with Complete-OPDeliverySync. This run starts again from the committed watermark ({(entry.Watermark is { } w ? w.ToString("u") : "none: a full sync")}), so those rows are delivered again.");
        var seen = SyncWatermark.Seen(entry);
        var since = SyncWatermark.Since(entry, overlap);
        var received = new List<(string Id, DateTimeOffset? At)>();
        _emitted = 0;
        _file = file;
        bool ok;
        try
        {
            ok = WritePages((offset, limit, ct) => Client.ListDeliveredCompaniesAsync(search, since, offset, limit, ct), PageSize, search,
                filter: company => seen.Add(company.Id),   // not emitted by an earlier run (overlap) or earlier in this run
                received: company => received.Add((company.Id, company.DeliveredAt)),
                progress: () => $"Syncing the deliveries of {NamedSearch(search)}");
        }
        finally
        {
            _file = null;
        }
        long emitted = _emitted;
        if (!ok) return null;

        var run = SyncWatermark.Advance(entry, received, runStart, overlap, emitted, Guid.NewGuid().ToString("N"));
        WriteVerbose($"Prospect search {search}: {emitted} new of {received.Count} received; watermark {run.Watermark:o}{(NoCommit ? " (pending until Complete-OPDeliverySync)" : "")}.");
        return (entry, run);
    }

    /// <summary>A delivered company goes to the pipeline, or with -OutFile to the file instead.</summary>
    private protected override void WriteItem(object item)
    {
        _emitted++;
        if (_file is not { } file)
        {
            base.WriteItem(item);
            return;
        }
        OutFileStep(() =>
        {
            foreach (var row in ExpandProspect ? ProspectRows.Expand(item) : new[] { item }) file.Write(row);
        });
    }

    private void WriteState() => SyncCmdlets.WriteState(this, _path, _state,
        "The companies were delivered, but the state file '{0}' could not be written: {1}",
        "Make the folder writable; until then every run delivers the same companies again.");

    private void ReleaseLock()
    {
        _lock?.Dispose();
        _lock = null;
    }

    // A stopped or failed pipeline may never reach EndProcessing; the lock goes with the cmdlet.
    void IDisposable.Dispose()
    {
        ReleaseLock();
        Dispose();
    }
}
