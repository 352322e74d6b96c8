using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets;

/// <summary>
/// Adds companies to a blacklist from parameters or from pipeline rows (Import-Csv of a CRM export). Rows are
/// sent in batches of up to 10,000 as they arrive, so memory holds one batch whatever the input size. A row
/// that cannot identify a company, and a batch the API does not store, are each reported with the rows as
/// TargetObject so they can be fixed and sent again; nothing is dropped silently.
/// </summary>
[Cmdlet(VerbsCommon.Add, "OPBlacklistEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BlacklistEntryImportResult))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class AddOPBlacklistEntryCommand : OpenProspectCmdlet
{
    private const int MaxVerboseNotes = 100;
    private readonly List<BlacklistEntryBody> _batch = new();
    private readonly List<object> _batchRows = new();
    private BlacklistEntryImportResult _result = null!;
    private long _firstRowOfBatch = 1;
    private int _notes;
    private bool _declined;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateId]
    public string BlacklistId { get; set; } = "";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("company_name", "Company", "Company Name", "Account", "Account Name", "AccountName", "Organization", "Organization Name", "OrganizationName", "Organisation")]
    [AllowNull, AllowEmptyString]
    public string? CompanyName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("website_url", "Website", "Website URL", "WebsiteUri", "Domain", "Company Domain Name", "Url", "Homepage")]
    [AllowNull, AllowEmptyString]
    public string? WebsiteUrl { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("external_id", "Id", "CrmId", "Record ID", "RecordId", "Account ID", "AccountId", "Company ID", "CompanyId")]
    [AllowNull, AllowEmptyString]
    public string? ExternalId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Billing City", "BillingCity", "Town")]
    [AllowNull, AllowEmptyString]
    public string? City { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Billing Country", "BillingCountry", "Country/Region", "CountryCode")]
    [AllowNull, AllowEmptyString]
    public string? Country { get; set; }

    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    [Parameter]
    [ValidateRange(1, OpenProspectClient.MaxBlacklistBatch)]
    public int BatchSize { get; set; } = OpenProspectClient.MaxBlacklistBatch;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdempotencyKey { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _result = new BlacklistEntryImportResult { BlacklistId = BlacklistId };
    }

    protected override void ProcessRecord()
    {
        _result.Received++;
        object row = (object?)InputObject ?? new PSObject(new { CompanyName, WebsiteUrl, ExternalId, City, Country });
        var entry = EntryRow.Normalize(CompanyName, WebsiteUrl, ExternalId, City, Country, out var problem, out var changes);
        if (entry is null)
        {
            _result.Invalid++;
            WriteError(ErrorRecords.Create(problem!.StartsWith("The website", StringComparison.Ordinal) ? "InvalidWebsiteUrl" : "EntryNotIdentifiable",
                ErrorCategory.InvalidData, $"Row {_result.Received}: {problem}", row,
                "Fix the row and send it again; the other rows are sent as usual."));
            return;
        }
        if (changes is not null && _notes++ < MaxVerboseNotes) WriteVerbose($"Row {_result.Received}: {changes}.");

        _batch.Add(entry);
        _batchRows.Add(row);
        if (_batch.Count >= BatchSize) SendBatch();
    }

    protected override void EndProcessing()
    {
        try
        {
            if (_batch.Count > 0) SendBatch();
        }
        finally
        {
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        if (_notes > MaxVerboseNotes) WriteVerbose($"{_notes - MaxVerboseNotes} more rows were normalised the same way.");
        if (!_declined || _result.Batches > 0) WriteObject(_result);
    }

    private string Activity => $"Adding entries to blacklist {BlacklistId}";

    private void SendBatch()
    {
        long first = _firstRowOfBatch, last = _firstRowOfBatch + _batchRows.Count - 1;
        var rows = _batchRows.ToArray();
        var entries = _batch.ToList();
        _batch.Clear();
        _batchRows.Clear();
        _firstRowOfBatch = _result.Received + 1;

        if (!ShouldProcess($"blacklist {BlacklistId}", $"Add {entries.Count} entries")) { _declined = true; return; }
        int number = _result.Batches + 1;
        WriteProgress(new ProgressRecord(1, Activity, $"Sending batch {number}: {entries.Count} entries ({_result.Added} added so far)"));
        // One key per batch; a pinned key gets a batch suffix, so a rerun replays each batch instead of storing it twice.
        var key = IdempotencyKey is null ? null : $"{IdempotencyKey}-{number}";
        try
        {
            var answer = Await(Client.AddBlacklistEntriesAsync(BlacklistId, entries, key, StopToken));
            _result.Batches = number;
            _result.Added += answer.Added ?? 0;
            _result.Duplicates += answer.Duplicates ?? answer.Skipped ?? 0;
            WriteVerbose($"Batch {number}: {entries.Count} sent, {answer.Added ?? 0} added, {answer.Duplicates ?? answer.Skipped ?? 0} already listed.");
        }
        catch (OpenProspectApiException ex)
        {
            _result.Batches = number;
            _result.Failed += entries.Count;
            var record = ErrorRecords.FromApi(ex, rows);
            record.ErrorDetails = new ErrorDetails(
                $"Batch {number} (rows {first}-{last} of the input with valid entries, {entries.Count} entries) was not stored: {ex.Message} The error's TargetObject holds these rows; send them again once the cause is fixed.")
            { RecommendedAction = record.ErrorDetails.RecommendedAction };
            // Without a valid key, scope or blacklist no later batch can succeed either.
            if (ex.StatusCode is 401 or 403 or 404) ThrowTerminatingError(record);
            WriteError(record);
        }
    }
}
