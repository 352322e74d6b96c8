using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Sync;

namespace OpenProspect.Cmdlets.Deliveries;

/// <summary>
/// Commits what Sync-OPDelivery -NoCommit delivered, once its consumer has succeeded: the pending watermark of
/// each prospect search becomes the committed one. Works on the state file alone (no session, no request), under
/// the same lock as the sync. Committing twice is harmless: the second call finds nothing pending.
/// </summary>
[Cmdlet(VerbsLifecycle.Complete, "OPDeliverySync", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class CompleteOPDeliverySyncCommand : AsyncCmdlet
{
    private readonly List<string> _searches = new();

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string StatePath { get; set; } = "";

    /// <summary>Commits only these searches; by default every search with a pending watermark.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string[]? ProspectSearchId { get; set; }

    [Parameter]
    [ValidateRange(0, 86400)]
    public int LockTimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in ProspectSearchId ?? Array.Empty<string>())
            if (!_searches.Contains(id, StringComparer.OrdinalIgnoreCase)) _searches.Add(id);
    }

    protected override void EndProcessing()
    {
        var path = GetUnresolvedProviderPathFromPSPath(StatePath);
        if (!File.Exists(path))
            ThrowTerminatingError(ErrorRecords.Create("SyncStateNotFound", ErrorCategory.ObjectNotFound,
                $"The sync state file '{path}' does not exist, so there is nothing to commit.", path,
                "Pass the -StatePath that Sync-OPDelivery -NoCommit used."));

        using var held = SyncCmdlets.AcquireLock(this, path, LockTimeoutSec, StopToken);
        var state = SyncCmdlets.ReadState(this, path);
        var targets = _searches.Count > 0 ? _searches
            : state.ProspectSearches.Where(p => p.Value.Pending is not null).Select(p => p.Key).ToList();
        if (targets.Count == 0)
        {
            WriteWarning($"Nothing to commit in '{path}': no prospect search has a pending watermark (a -NoCommit run was already committed, or none ran).");
            return;
        }

        var committed = new List<string>();
        foreach (var search in targets)
        {
            state.ProspectSearches.TryGetValue(search, out var entry);
            var key = (Path.GetFullPath(path), search.ToLowerInvariant());
            SyncOPDeliveryCommand.PendingRuns.TryGetValue(key, out var ours);
            if (entry?.Pending is not { } pending)
            {
                WriteWarning($"Prospect search {search}: nothing pending in '{path}'. {(ours is null ? "It was committed already, or no -NoCommit run synced it." : "A later run without -NoCommit delivered its rows again and committed them.")}");
                continue;
            }
            if (ours is not null && !string.Equals(ours, pending.RunId, StringComparison.Ordinal))
            {
                // Another run replaced this process's pending watermark; confirming it would confirm rows this
                // process's consumer never saw.
                WriteError(ErrorRecords.Create("SyncPendingReplaced", ErrorCategory.InvalidOperation,
                    $"Prospect search {search}: the pending watermark in '{path}' is from another run (of {pending.RunAt:u}), not the -NoCommit run of this session, so it was not committed.",
                    search, "Nothing is lost: the next run starts from the committed watermark and delivers those rows again."));
                continue;
            }
            if (!ShouldProcess($"{path}, prospect search {search}", $"Commit the pending watermark {pending.Watermark:o} ({pending.Emitted} row(s))")) continue;
            state.ProspectSearches[search] = SyncWatermark.Commit(entry, pending);
            committed.Add(search);
        }
        if (committed.Count == 0) return;

        SyncCmdlets.WriteState(this, path, state, "The state file '{0}' could not be written: {1} Nothing was committed.",
            "Make the folder writable and run Complete-OPDeliverySync again.");
        foreach (var search in committed)
        {
            SyncOPDeliveryCommand.PendingRuns.TryRemove((Path.GetFullPath(path), search.ToLowerInvariant()), out _);
            WriteVerbose($"Prospect search {search}: committed watermark {state.ProspectSearches[search].Watermark:o}.");
        }
    }
}
