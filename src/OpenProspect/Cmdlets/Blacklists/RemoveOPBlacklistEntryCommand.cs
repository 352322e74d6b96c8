using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>
/// Removes entries from blacklists by id, typically piped from Get-OPBlacklistEntry. The ids are collected while
/// the input runs (removing during the listing would shift its pages and skip entries) and then sent in batches
/// of up to 10,000 per blacklist; a batch that fails is reported with its entry ids as TargetObject.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "OPBlacklistEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Id")]
[OutputType(typeof(BlacklistEntryRemovalResult))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class RemoveOPBlacklistEntryCommand : OpenProspectCmdlet
{
    private const string Activity = "Removing blacklist entries";
    private readonly Dictionary<string, List<string>> _pending = new();
    private readonly List<string> _order = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string BlacklistId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = "Name")]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? BlacklistName { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateId]
    public string[] EntryId { get; set; } = System.Array.Empty<string>();

    [Parameter]
    [ValidateRange(1, OpenProspectClient.MaxBlacklistBatch)]
    public int BatchSize { get; set; } = OpenProspectClient.MaxBlacklistBatch;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (BlacklistName is not null) BlacklistId = BlacklistIdByName(BlacklistName);
    }

    protected override void ProcessRecord()
    {
        if (!_pending.TryGetValue(BlacklistId, out var ids))
        {
            _pending[BlacklistId] = ids = new List<string>();
            _order.Add(BlacklistId);
        }
        ids.AddRange(EntryId);
    }

    protected override void EndProcessing()
    {
        try
        {
            int batch = 0;
            foreach (var blacklist in _order)
            {
                var ids = _pending[blacklist].Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
                var result = new BlacklistEntryRemovalResult { BlacklistId = blacklist, Requested = ids.Count };
                bool sent = false;
                for (int start = 0; start < ids.Count; start += BatchSize)
                {
                    var chunk = ids.GetRange(start, System.Math.Min(BatchSize, ids.Count - start));
                    if (!ShouldChange("blacklist", blacklist, chunk.Count == 1 ? "Remove 1 entry" : $"Remove {chunk.Count} entries")) continue;
                    sent = true;
                    WriteProgress(new ProgressRecord(2, Activity, $"Batch {++batch}: {chunk.Count} entries from {Named("blacklist", blacklist)}"));
                    try
                    {
                        var answer = Await(Client.RemoveBlacklistEntriesAsync(blacklist, chunk, StopToken));
                        result.Removed += answer.Removed ?? chunk.Count;
                    }
                    catch (OpenProspectApiException ex)
                    {
                        result.Failed += chunk.Count;
                        WriteApiError(ex, chunk.ToArray(),
                            $"{chunk.Count} entries were not removed from blacklist {blacklist}: {Sentence(ex.Message)} The error's TargetObject holds their ids.");
                    }
                }
                if (sent) WriteObject(result);
            }
        }
        finally
        {
            WriteProgress(new ProgressRecord(2, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
