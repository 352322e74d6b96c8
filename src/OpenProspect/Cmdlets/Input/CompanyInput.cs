using System;
using System.Management.Automation;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Errors;

namespace OpenProspect.Cmdlets.Input;

/// <summary>
/// The company parameters of the cmdlets that take companies (blacklist entries, enrichment orders), offered to
/// PowerShell as a parameter object (IDynamicParameters), so one declaration serves cmdlets with different bases.
/// The five parameters bind from pipeline rows by property name, with the spellings CRM exports use as aliases,
/// so <c>Import-Csv x.csv | Verb-Noun</c> maps columns without custom sniffing; each row is normalised the same way.
/// </summary>
internal sealed class CompanyInput
{
    private const int MaxVerboseNotes = 100;
    private int _notes;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("company_name", "Company", "Company Name", "Name", "Account", "Account Name", "AccountName", "Organization", "Organization Name", "OrganizationName", "Organisation")]
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

    /// <summary>The pipeline row itself, kept so an error can hand it back as TargetObject.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Rows read so far (1-based number of the current row after <see cref="Read"/>).</summary>
    internal long RowNumber { get; private set; }

    /// <summary>True when at least one company parameter or a pipeline row was given for this record.</summary>
    internal bool HasInput => InputObject is not null || CompanyName is not null || WebsiteUrl is not null || ExternalId is not null;

    /// <summary>
    /// Reads the current row as the API will take it. Returns null and an error about the row (its TargetObject is
    /// the row) when it cannot identify a company; <paramref name="note"/> says what was normalised, for -Verbose
    /// (the first 100 rows, then only counted: see <see cref="NotesNotShown"/>).
    /// </summary>
    internal CompanyBody? Read(out object row, out ErrorRecord? error, out string? note)
    {
        RowNumber++;
        row = (object?)InputObject ?? new PSObject(new { CompanyName, WebsiteUrl, ExternalId, City, Country });
        error = null;
        note = null;
        var company = CompanyRow.Normalize(CompanyName, WebsiteUrl, ExternalId, City, Country, out var problem, out var changes);
        if (company is null)
        {
            var id = problem!.StartsWith("The website", StringComparison.Ordinal) ? "InvalidWebsiteUrl" : "CompanyNotIdentifiable";
            error = ErrorRecords.Create(id, ErrorCategory.InvalidData, $"Row {RowNumber}: {problem}", row,
                "Fix the row and send it again; the other rows go ahead as usual.");
            return null;
        }
        if (changes is not null && _notes++ < MaxVerboseNotes) note = $"Row {RowNumber}: {changes}.";
        return company;
    }

    /// <summary>How many normalised rows -Verbose did not show one by one.</summary>
    internal int NotesNotShown => Math.Max(0, _notes - MaxVerboseNotes);
}
