using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Errors;

namespace OpenProspect.Cmdlets.Input;

/// <summary>
/// The company parameters of the cmdlets that take companies (blacklist entries, enrichment orders), offered to
/// PowerShell as a parameter object (IDynamicParameters), so one declaration serves cmdlets with different bases.
/// A host cmdlet names its companies set <see cref="CompaniesSet"/> and gets <see cref="PathSet"/> with it.
/// The five parameters bind from pipeline rows by property name, with the spellings CRM exports use as aliases,
/// so <c>Import-Csv x.csv | Verb-Noun</c> maps columns without custom sniffing; each row is normalised the same way.
/// </summary>
internal sealed class CompanyInput
{
    private const int MaxVerboseNotes = 100;
    private int _notes;

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = CompaniesSet)]
    [Alias("company_name", "Company", "Company Name", "Name", "Account", "Account Name", "AccountName", "Organization", "Organization Name", "OrganizationName", "Organisation")]
    [AllowNull, AllowEmptyString]
    public string? CompanyName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = CompaniesSet)]
    [Alias("website_url", "Website", "Website URL", "WebsiteUri", "Domain", "Company Domain Name", "Url", "Homepage")]
    [AllowNull, AllowEmptyString]
    public string? WebsiteUrl { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = CompaniesSet)]
    [Alias("external_id", "Id", "CrmId", "Record ID", "RecordId", "Account ID", "AccountId", "Company ID", "CompanyId")]
    [AllowNull, AllowEmptyString]
    public string? ExternalId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = CompaniesSet)]
    [Alias("Billing City", "BillingCity", "Town")]
    [AllowNull, AllowEmptyString]
    public string? City { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = CompaniesSet)]
    [Alias("Billing Country", "BillingCountry", "Country/Region", "CountryCode")]
    [AllowNull, AllowEmptyString]
    public string? Country { get; set; }

    /// <summary>The pipeline row itself, kept so an error can hand it back as TargetObject.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// The parameter set of the five company parameters, which a host cmdlet uses as its set for companies given as
    /// parameters or pipeline rows; -Path, -Delimiter and -Encoding are in <see cref="PathSet"/>, so neither shows the
    /// other's parameters. The pipeline row itself (InputObject) is in every set, so rows piped to a -Path command
    /// reach the cmdlet and are refused as a whole (PathWithOtherInput) rather than one binding error per row.
    /// </summary>
    internal const string CompaniesSet = "Companies";

    /// <summary>The name of the parameter set of -Path, -Delimiter and -Encoding.</summary>
    internal const string PathSet = "Path";

    /// <summary>A CSV file to read the companies from, instead of pipeline rows.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The file's delimiter, when detection from the header line should not decide.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateSet(",", ";", "\t", "|")]
    public string? Delimiter { get; set; }

    /// <summary>The file's encoding, when detection should not decide.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateSet("UTF8", "Unicode", "BigEndianUnicode", "Windows1252")]
    public string? Encoding { get; set; }

    /// <summary>Rows read so far (1-based number of the current row after <see cref="Read"/>).</summary>
    internal long RowNumber { get; private set; }

    /// <summary>True when at least one company parameter or a pipeline row was given for this record.</summary>
    internal bool HasInput => InputObject is not null || CompanyName is not null || WebsiteUrl is not null || ExternalId is not null;

    /// <summary>How batches name their rows: pipeline rows by number, file rows by line.</summary>
    internal string Unit => Path is null ? "input rows" : "file lines";

    /// <summary>What row numbers in messages count, said once per message.</summary>
    internal const string RowConvention = "(rows are counted from 1 in the order they arrived)";

    internal const string LineConvention = "(line numbers as an editor shows them: the header is line 1, line breaks inside quoted fields count)";

    private const int SniffRows = 100;
    private readonly List<ErrorRecord> _held = new();
    private string? _heldReason;
    private bool _sniffed;

    /// <summary>
    /// Reads the current pipeline row as the API will take it. Returns null when it cannot identify a company;
    /// the errors about rows are in <paramref name="errors"/> (the first rows' errors are held back while they all
    /// fail the same way, so a file read with the wrong delimiter gives one error, not one per row).
    /// <paramref name="stop"/> is set when the input as a whole is unusable. <paramref name="note"/> says what was
    /// normalised, for -Verbose (the first 100 rows, then only counted: see <see cref="NotesNotShown"/>).
    /// </summary>
    internal CompanyBody? Read(out object row, List<ErrorRecord> errors, out string? note, out ErrorRecord? stop)
    {
        RowNumber++;
        row = (object?)InputObject ?? new PSObject(new { CompanyName, WebsiteUrl, ExternalId, City, Country });
        stop = null;
        if (!_sniffed)
        {
            _sniffed = true;
            stop = WrongDelimiter(InputObject);
            if (stop is not null) { note = null; return null; }
        }
        var company = ReadValues(CompanyName, WebsiteUrl, ExternalId, City, Country, row, $"Row {RowNumber}", RowConvention, out var error, out var reason, out note);
        if (RowNumber <= SniffRows && (_held.Count == RowNumber - 1))
        {
            // Still inside an unbroken run of failing first rows: hold while the reason stays the same.
            if (error is not null && (_heldReason is null || _heldReason == reason))
            {
                _heldReason = reason;
                _held.Add(error);
                if (RowNumber == SniffRows) stop = AllRowsUnusable(reason!);
                return null;
            }
            Release(errors);
        }
        if (error is not null) errors.Add(error);
        return company;
    }

    /// <summary>Errors held back for the first rows, to be written (at the end of input or when a row differs).</summary>
    internal void Release(List<ErrorRecord> errors)
    {
        errors.AddRange(_held);
        _held.Clear();
    }

    /// <summary>Normalises one row given as values; <paramref name="where"/> names it in messages ("Row 5", "Line 12").</summary>
    internal CompanyBody? ReadValues(string? name, string? website, string? externalId, string? city, string? country, object row,
        string where, string convention, out ErrorRecord? error, out string? reason, out string? note)
    {
        error = null;
        reason = null;
        note = null;
        var company = CompanyRow.Normalize(name, website, externalId, city, country, out var problem, out var changes);
        if (company is null)
        {
            reason = problem!.StartsWith("The website", StringComparison.Ordinal) ? "InvalidWebsiteUrl" : "CompanyNotIdentifiable";
            error = ErrorRecords.Create(reason, ErrorCategory.InvalidData, $"{where} {convention}: {problem}", row,
                "Fix the row and send it again; the other rows go ahead as usual.");
            return null;
        }
        note = Note(where, changes);
        return company;
    }

    /// <summary>The -Verbose note about what was normalised in a row, for the first 100 such rows; null after them.</summary>
    internal string? Note(string where, string? changes) =>
        changes is not null && _notes++ < MaxVerboseNotes ? $"{where}: {changes}." : null;

    /// <summary>How many normalised rows -Verbose did not show one by one.</summary>
    internal int NotesNotShown => Math.Max(0, _notes - MaxVerboseNotes);

    /// <summary>
    /// A first row with one property whose name holds a ';' or a tab is a CSV read with the wrong delimiter:
    /// every row would fail the same way, so the input is refused at once with the fix.
    /// </summary>
    private static ErrorRecord? WrongDelimiter(PSObject? first)
    {
        if (first?.BaseObject is not PSCustomObject) return null;
        var names = first.Properties.Select(p => p.Name).ToList();
        if (names.Count != 1) return null;
        char? sign = names[0].IndexOf(';') >= 0 ? ';' : names[0].IndexOf('\t') >= 0 ? '\t' : null;
        if (sign is null) return null;
        var shown = sign == '\t' ? "`t" : ";";
        return ErrorRecords.Create("CsvDelimiterMismatch", ErrorCategory.InvalidData,
            $"The rows have a single column named '{names[0]}': the file was read with the wrong delimiter (its columns are separated by '{(sign == '\t' ? "tab" : ";")}'). Nothing was sent. "
            + $"Read it with Import-Csv -Delimiter \"{shown}\", or let the cmdlet read it: -Path <file> detects the delimiter and encoding.",
            names[0], $"Import-Csv <file> -Delimiter \"{shown}\" | ..., or use -Path <file>.");
    }

    private ErrorRecord AllRowsUnusable(string reason)
    {
        var columns = InputObject is null ? "" : string.Join(", ", InputObject.Properties.Select(p => "'" + p.Name + "'"));
        return ErrorRecords.Create("InputRowsUnusable", ErrorCategory.InvalidData,
            $"The first {SniffRows} rows all fail the same way ({reason}): {((ErrorRecord)_held[0]).ErrorDetails.Message} The columns seen are {(columns.Length == 0 ? "none" : columns)}. Nothing was sent. "
            + "If the file uses another delimiter, read it with Import-Csv -Delimiter ';' (or the right one), or let the cmdlet read it with -Path <file>; otherwise rename the columns to CompanyName, WebsiteUrl or ExternalId (or one of their aliases).",
            columns, "Import-Csv <file> -Delimiter ';' | ..., or -Path <file>, or rename the columns.");
    }

    /// <summary>The column index of each company field in a CSV header, by the same names and aliases as pipeline binding.</summary>
    internal static int[] MapHeader(string[] header)
    {
        var map = new int[Fields.Length];
        for (int f = 0; f < Fields.Length; f++)
        {
            map[f] = -1;
            for (int i = 0; i < header.Length && map[f] < 0; i++)
                if (Fields[f].Contains(header[i].Trim())) map[f] = i;
        }
        return map;
    }

    /// <summary>The five company fields' names, in the order of <see cref="ReadValues"/>.</summary>
    internal static readonly string[] FieldNames = { nameof(CompanyName), nameof(WebsiteUrl), nameof(ExternalId), nameof(City), nameof(Country) };

    /// <summary>The five company fields in the order of <see cref="ReadValues"/>, each with its name and aliases.</summary>
    internal static readonly HashSet<string>[] Fields = FieldNames
        .Select(n =>
        {
            // One source for the names: the Alias attributes that pipeline binding uses.
            var property = typeof(CompanyInput).GetProperty(n)!;
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { n };
            foreach (var alias in property.GetCustomAttributes(typeof(AliasAttribute), false).Cast<AliasAttribute>().SelectMany(a => a.AliasNames)) set.Add(alias);
            return set;
        }).ToArray();

    /// <summary>
    /// A row of a -Path file as the error about it shows it: built only for rows that are reported, because a
    /// PSObject with note properties for every row of a large file costs more than reading the row.
    /// </summary>
    internal static PSObject FileRow(string?[] values, long line)
    {
        var row = new PSObject();
        for (int f = 0; f < FieldNames.Length; f++) row.Properties.Add(new PSNoteProperty(FieldNames[f], values[f]));
        row.Properties.Add(new PSNoteProperty("Line", line));
        return row;
    }

    /// <summary>The encoding named by -Encoding, or null to detect it.</summary>
    internal System.Text.Encoding? ChosenEncoding => Encoding switch
    {
        null => null,
        "Unicode" => new System.Text.UnicodeEncoding(false, true),
        "BigEndianUnicode" => new System.Text.UnicodeEncoding(true, true),
        "Windows1252" => CsvRecordReader.Windows1252(),
        _ => new System.Text.UTF8Encoding(false),
    };

    /// <summary>The delimiter named by -Delimiter, or null to detect it.</summary>
    internal char? ChosenDelimiter => Delimiter?[0];
}
