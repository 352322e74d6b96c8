using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets;

/// <summary>
/// Removes entries from a blacklist by id, typically piped from Get-OPBlacklistEntry. Ids are sent in batches of
/// up to 10,000 per blacklist; a batch that fails is reported with its entry ids as TargetObject.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "OPBlacklistEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BlacklistEntryRemovalResult))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class RemoveOPBlacklistEntryCommand : OpenProspectCmdlet
{
    private readonly List<string> _ids = new();
    private readonly Dictionary<string, BlacklistEntryRemovalResult> _results = new();
    private string? _batchBlacklist;
    private int _batches;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateId]
    public string BlacklistId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateId]
    public string[] EntryId { get; set; } = System.Array.Empty<string>();

    [Parameter]
    [ValidateRange(1, OpenProspectClient.MaxBlacklistBatch)]
    public int BatchSize { get; set; } = OpenProspectClient.MaxBlacklistBatch;

    protected override void ProcessRecord()
    {
        if (_batchBlacklist is not null && _batchBlacklist != BlacklistId) SendBatch();
        _batchBlacklist = BlacklistId;
        foreach (var id in EntryId)
        {
            _ids.Add(id);
            Result(BlacklistId).Requested++;
            if (_ids.Count >= BatchSize) SendBatch();
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            if (_ids.Count > 0) SendBatch();
        }
        finally
        {
            WriteProgress(new ProgressRecord(2, "Removing blacklist entries", "Done") { RecordType = ProgressRecordType.Completed });
        }
        foreach (var r in _results.Values.Where(r => r.Removed > 0 || r.Failed > 0)) WriteObject(r);
    }

    private BlacklistEntryRemovalResult Result(string blacklistId)
    {
        if (!_results.TryGetValue(blacklistId, out var r)) _results[blacklistId] = r = new BlacklistEntryRemovalResult { BlacklistId = blacklistId };
        return r;
    }

    private void SendBatch()
    {
        var blacklist = _batchBlacklist!;
        var ids = _ids.ToList();
        _ids.Clear();
        if (!ShouldProcess($"blacklist {blacklist}", $"Remove {ids.Count} entries")) return;
        _batches++;
        WriteProgress(new ProgressRecord(2, "Removing blacklist entries", $"Batch {_batches}: {ids.Count} entries from blacklist {blacklist}"));
        try
        {
            var answer = Await(Client.RemoveBlacklistEntriesAsync(blacklist, ids, StopToken));
            Result(blacklist).Removed += answer.Removed ?? ids.Count;
        }
        catch (OpenProspectApiException ex)
        {
            Result(blacklist).Failed += ids.Count;
            var record = ErrorRecords.FromApi(ex, ids.ToArray());
            record.ErrorDetails = new ErrorDetails($"{ids.Count} entries were not removed from blacklist {blacklist}: {ex.Message} The error's TargetObject holds their ids.")
            { RecommendedAction = record.ErrorDetails.RecommendedAction };
            if (ex.StatusCode is 401 or 403) ThrowTerminatingError(record);
            WriteError(record);
        }
    }
}
