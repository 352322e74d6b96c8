using System;
using System.Management.Automation;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Cmdlets.Input;

namespace OpenProspect.Cmdlets.Base;

/// <summary>
/// Base of the cmdlets that take companies (blacklist entries, enrichment orders): the five company parameters
/// bind from pipeline rows by property name, with the spellings CRM exports use as aliases, so
/// <c>Import-Csv x.csv | Verb-Noun</c> maps columns without custom sniffing. Each row is normalised the same way.
/// </summary>
public abstract class CompanyInputCmdlet : OpenProspectCmdlet
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

    /// <summary>Rows read so far (1-based number of the current row after <see cref="ReadCompany"/>).</summary>
    protected long RowNumber { get; private set; }

    /// <summary>True when at least one company parameter or a pipeline row was given for this record.</summary>
    protected bool HasCompanyInput => InputObject is not null || CompanyName is not null || WebsiteUrl is not null || ExternalId is not null;

    /// <summary>
    /// The current row as the API will take it, or null after writing a non-terminating error with the row as
    /// TargetObject. Normalisations are reported on -Verbose (the first 100, then a count).
    /// </summary>
    private protected CompanyBody? ReadCompany(out object row)
    {
        RowNumber++;
        row = (object?)InputObject ?? new PSObject(new { CompanyName, WebsiteUrl, ExternalId, City, Country });
        var company = CompanyRow.Normalize(CompanyName, WebsiteUrl, ExternalId, City, Country, out var problem, out var changes);
        if (company is null)
        {
            var id = problem!.StartsWith("The website", StringComparison.Ordinal) ? "InvalidWebsiteUrl" : "CompanyNotIdentifiable";
            WriteError(ErrorRecords.Create(id, ErrorCategory.InvalidData, $"Row {RowNumber}: {problem}", row,
                "Fix the row and send it again; the other rows go ahead as usual."));
            return null;
        }
        if (changes is not null && _notes++ < MaxVerboseNotes) WriteVerbose($"Row {RowNumber}: {changes}.");
        return company;
    }

    /// <summary>Says how many more rows were normalised than -Verbose showed.</summary>
    protected void ReportNormalisationTotal()
    {
        if (_notes > MaxVerboseNotes) WriteVerbose($"{_notes - MaxVerboseNotes} more rows were normalised the same way.");
    }
}
