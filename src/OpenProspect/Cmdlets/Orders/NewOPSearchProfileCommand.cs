using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Cmdlets.Waiting;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Orders;

/// <summary>
/// Starts the creation of a search profile (what to look for and how to qualify companies). The API requires an
/// Idempotency-Key: one is generated per call and reused by every retry, or pinned with -IdempotencyKey.
/// -Wait polls until the profile is ready and writes the creation with its ProfileId.
/// </summary>
[Cmdlet(VerbsCommon.New, "OPSearchProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SearchProfileCreation))]
[RequiresScope(Scopes.OrdersWrite)]
public sealed class NewOPSearchProfileCommand : WaitingCmdlet<SearchProfileCreation>
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "profile_name")]
    [ValidateNotNullOrEmpty]
    public string ProfileName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Icp", "ideal_customer_profile")]
    [ValidateNotNullOrEmpty]
    public string IdealCustomerProfile { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SellerOffering { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SellerIndustry { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? TargetCountry { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? TargetCity { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? TargetIndustry { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? ExcludedIndustry { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? ContactRole { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? OutputLanguage { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdempotencyKey { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    private int _records;

    protected override void ProcessRecord()
    {
        _records++;
        if (!ShouldProcess($"search profile '{ProfileName}'", "Create")) return;
        var body = new CreateSearchProfileBody
        {
            ProfileName = ProfileName,
            IdealCustomerProfile = IdealCustomerProfile,
            SellerOffering = SellerOffering,
            SellerIndustry = SellerIndustry,
            TargetCountries = TargetCountry is null ? null : Array.ConvertAll(TargetCountry, c => c.Length == 2 ? c.ToUpperInvariant() : c),
            TargetCities = TargetCity,
            TargetIndustries = TargetIndustry,
            ExcludedIndustries = ExcludedIndustry,
            ContactRoles = ContactRole,
            OutputLanguage = OutputLanguage is { Length: 2 } code ? code.ToLowerInvariant() : OutputLanguage,
        };
        // A pinned key names the first creation; later piped rows get a numbered key of their own.
        var key = IdempotencyKey is null ? OpenProspectClient.NewIdempotencyKey() : _records == 1 ? IdempotencyKey : $"{IdempotencyKey}-{_records}";
        if (!TryCall((c, ct) => c.CreateSearchProfileAsync(body, key, ct), ProfileName, out var creation)) return;
        WriteVerbose($"Profile creation {creation.ProfileCreationId} is {creation.Status} (Idempotency-Key {key}).");
        if (!Wait)
        {
            WriteItem(creation);
            return;
        }

        WaitFor(new[] { creation }, checkFirst: false);
    }

    private protected override string WaitActivity => "Creating the search profile";

    private protected override Task<SearchProfileCreation> RefreshAsync(OpenProspectClient client, SearchProfileCreation item, CancellationToken ct) =>
        client.GetSearchProfileCreationAsync(item.ProfileCreationId, ct);

    private protected override bool IsFinished(SearchProfileCreation item) => item.IsFinished;

    private protected override string StatusOf(SearchProfileCreation item) => item.Status;

    private protected override void WriteFinished(SearchProfileCreation c)
    {
        if (c.Status == "SUCCEEDED") WriteItem(c);
        else WriteError(ErrorRecords.Create("ProfileCreationFailed", ErrorCategory.OperationStopped,
            $"The search profile '{c.ProfileName ?? ProfileName}' could not be created{(string.IsNullOrWhiteSpace(c.ErrorMessage) ? "." : ": " + c.ErrorMessage)}", c,
            "Run New-OPSearchProfile again without reusing this -IdempotencyKey: a failed creation is retried with a new key."));
    }

    private protected override ErrorRecord TimedOut(SearchProfileCreation c, TimeSpan waited) =>
        ErrorRecords.Create("WaitTimeout", ErrorCategory.OperationTimeout,
            $"The search profile creation {c.ProfileCreationId} was still {c.Status} after {waited.TotalSeconds:0} s.", c,
            $"Check it later: Get-OPSearchProfileCreation -Id {c.ProfileCreationId}");
}
