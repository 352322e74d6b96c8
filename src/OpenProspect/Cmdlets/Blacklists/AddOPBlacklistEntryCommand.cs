using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Cmdlets.Input;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>
/// Adds companies to a blacklist from parameters or from pipeline rows (Import-Csv of a CRM export). Rows are
/// sent in batches of up to 10,000 as they arrive; one batch is on the wire while the next is read, never two, so
/// memory holds two batches whatever the input size and the batches reach the API in order. A row
/// that cannot identify a company, and a batch the API does not store, are each reported with the rows as
/// TargetObject so they can be fixed and sent again; nothing is dropped silently.
/// </summary>
[Cmdlet(VerbsCommon.Add, "OPBlacklistEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = CompanyInput.CompaniesSet)]
[OutputType(typeof(BlacklistEntryImportResult))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class AddOPBlacklistEntryCommand : OpenProspectCmdlet, IDynamicParameters
{
    private readonly CompanyInput _input = new();
    private readonly List<CompanyBody> _batch = new();
    private readonly List<object> _batchRows = new();
    private readonly List<long> _batchRowNumbers = new();
    private BlacklistEntryImportResult _result = null!;
    private OpenProspectApiException? _abandoned;
    private bool _declined;
    private int _batchNumber;
    // The batch whose answer has not been read yet.
    private (Task<AddEntriesAnswer> Answer, int Number, string Where, object[] Rows, int Count)? _inFlight;
    private string? _activity;

    // Not mandatory: -BlacklistName may stand in for it, and the company/-Path parameter sets leave no room for
    // an id/name pair of sets, so BeginProcessing asks for exactly one of the two.
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string BlacklistId { get; set; } = "";

    [Parameter]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? BlacklistName { get; set; }

    [Parameter]
    [ValidateRange(1, OpenProspectClient.MaxBlacklistBatch)]
    public int BatchSize { get; set; } = OpenProspectClient.MaxBlacklistBatch;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdempotencyKey { get; set; }

    /// <summary>The company parameters (-CompanyName, -WebsiteUrl, -ExternalId, -City, -Country, pipeline rows) or -Path.</summary>
    public object GetDynamicParameters() => _input;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        BlacklistId = BlacklistIdFrom(BlacklistId, BlacklistName);
        _result = new BlacklistEntryImportResult { BlacklistId = BlacklistId };
    }

    protected override void ProcessRecord() => ReadCompanies(_input, Take);

    private void Take(CompanyBody? entry, object row, long number)
    {
        _result.Received++;
        if (entry is null)
        {
            _result.Invalid++;
            return;
        }

        _batch.Add(entry);
        _batchRows.Add(row);
        _batchRowNumbers.Add(number);
        if (_batch.Count >= BatchSize) SendBatch();
    }

    protected override void EndProcessing()
    {
        try
        {
            if (_batch.Count > 0) SendBatch();
            CompleteInFlight();
        }
        finally
        {
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        FinishCompanies(_input, warnWhenEmpty: true);
        if (!_declined || _result.Batches > 0) WriteObject(_result);
    }

    private string Activity => _activity ??= $"Adding entries to {(ShowsProgress ? NamedBlacklist(BlacklistId) : Named("blacklist", BlacklistId))}";

    /// <summary>
    /// Starts sending the collected rows and returns while they are on the wire, so the next batch is read meanwhile;
    /// the batch before is finished first, so there is never more than one request in flight.
    /// </summary>
    private void SendBatch()
    {
        var rows = _batchRows.ToArray();
        var entries = _batch.ToList();
        var where = $"{_input.Unit} {_batchRowNumbers[0]}-{_batchRowNumbers[_batchRowNumbers.Count - 1]}";
        _batch.Clear();
        _batchRows.Clear();
        _batchRowNumbers.Clear();

        if (!ShouldChange("blacklist", BlacklistId, entries.Count == 1 ? "Add 1 entry" : $"Add {entries.Count} entries")) { _declined = true; return; }
        CompleteInFlight();   // its failure may be one that every later batch would meet (see _abandoned)
        int number = ++_batchNumber;
        if (_abandoned is not null)
        {
            // The key, scope or blacklist failed earlier: these rows are not sent, but reported like a failed batch.
            ReportFailedBatch(_abandoned, number, where, rows, "was not sent because an earlier batch failed");
            return;
        }
        _result.Batches++;   // counts the entry requests actually sent
        WriteProgress(new ProgressRecord(1, Activity, $"Sending batch {number}: {entries.Count} entries ({_result.Added} added so far)"));
        // One key per batch; a pinned key gets a batch suffix, so a rerun replays each batch instead of storing it twice.
        var key = IdempotencyKey is null ? null : $"{IdempotencyKey}-{number}";
        _inFlight = (Client.AddBlacklistEntriesAsync(BlacklistId, entries, key, StopToken), number, where, rows, entries.Count);
    }

    /// <summary>Waits for the batch on the wire, if any, and counts or reports its outcome.</summary>
    private void CompleteInFlight()
    {
        if (_inFlight is not { } sent) return;
        _inFlight = null;
        try
        {
            var answer = Await(sent.Answer);
            long duplicates = answer.Duplicates ?? answer.Skipped ?? 0;
            _result.Added += answer.Added ?? 0;
            _result.Duplicates += duplicates;
            WriteVerbose($"Batch {sent.Number} ({sent.Where}): {sent.Count} sent, {answer.Added ?? 0} added, {duplicates} already listed.");
        }
        catch (OpenProspectApiException ex)
        {
            // A missing scope or blacklist fails every later batch the same way: stop sending, keep reporting.
            if (ex.StatusCode is 403 or 404) _abandoned = ex;
            // The API does not document what a repeated batch does, so a batch whose answer was lost is not re-sent.
            ReportFailedBatch(ex, sent.Number, sent.Where, sent.Rows, ex.OutcomeUnknown
                ? "may or may not have been stored (its answer was lost, and it was not sent again because the API does not document whether a repeated batch adds its entries twice)"
                : "was not stored");
        }
    }

    /// <summary>Counts the batch's rows as failed and reports them, with the rows as TargetObject (401 ends the command).</summary>
    private void ReportFailedBatch(OpenProspectApiException ex, int number, string where, object[] rows, string what)
    {
        rows = rows.Select(RowObject).ToArray();
        _result.Failed += rows.Length;
        WriteApiError(ex, rows,
            $"Batch {number} ({where}, {rows.Length} entries) {what}: {Sentence(ex.Message)} The error's TargetObject holds these rows; "
            + (ex.OutcomeUnknown
                ? "sending them again is safe only if duplicate entries are harmless to you: the API's docs do not say whether it skips an entry that is already listed (Get-OPBlacklistEntry shows what is stored)."
                : "send them again once the cause is fixed."));
    }
}
