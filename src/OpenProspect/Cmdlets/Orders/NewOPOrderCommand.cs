using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Cmdlets.Input;
using OpenProspect.Cmdlets.Waiting;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Orders;

/// <summary>
/// Places an order, which spends credits. Enrichment: the companies come from the pipeline (same columns as
/// blacklist entries) or the company parameters, 1–10,000, checked before anything is sent. Discovery:
/// -BriefingQuantity new companies for the profile, optionally excluding blacklists. -Wait waits for the result.
/// </summary>
[Cmdlet(VerbsCommon.New, "OPOrder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = EnrichmentSet)]
[OutputType(typeof(Order))]
[RequiresScope(Scopes.OrdersWrite)]
public sealed class NewOPOrderCommand : OrderWaitingCmdlet, IDynamicParameters
{
    private readonly CompanyInput _input = new();
    private const string EnrichmentSet = CompanyInput.CompaniesSet;   // enrichment: companies as parameters or rows
    private const string DiscoverySet = "Discovery";
    private readonly List<CompanyBody> _companies = new();
    private int _invalid;
    private long _given;
    private bool _tooMany;

    [Parameter(Mandatory = true)]
    [ValidateId]
    public string ProfileId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = DiscoverySet)]
    public int BriefingQuantity { get; set; }

    [Parameter(ParameterSetName = DiscoverySet)]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string[]? BlacklistId { get; set; }

    [Parameter(ParameterSetName = DiscoverySet)]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? BlacklistName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(OrderFeatureCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Feature { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdempotencyKey { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>The company parameters (-CompanyName, -WebsiteUrl, -ExternalId, -City, -Country, pipeline rows) or -Path.</summary>
    public object GetDynamicParameters() => _input;

    private bool IsDiscovery => ParameterSetName == DiscoverySet;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (BlacklistName is { Length: > 0 })
            BlacklistId = (BlacklistId ?? Array.Empty<string>()).Concat(BlacklistName.Select(BlacklistIdByName)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    protected override void ProcessRecord()
    {
        if (!_input.HasInput && _input.Path is null) return;
        if (IsDiscovery)
            ThrowTerminatingError(ErrorRecords.Create("DiscoveryTakesNoCompanies", ErrorCategory.InvalidArgument,
                "A discovery order finds new companies for the profile and takes no company list. Leave out -BriefingQuantity to enrich the companies you give, or give no companies for discovery. Nothing was sent.", _input.InputObject));
        ReadCompanies(_input, (company, _, _) =>
        {
            if (company is null) { _invalid++; return; }
            _given++;
            if (_companies.Count < OpenProspectClient.MaxOrderCompanies) _companies.Add(company);
            else _tooMany = true;   // keep counting; refuse the whole order at the end
        });
    }

    protected override void EndProcessing()
    {
        FinishCompanies(_input, warnWhenEmpty: false);
        if (!IsDiscovery)
        {
            if (_tooMany)
                ThrowTerminatingError(ErrorRecords.Create("TooManyCompanies", ErrorCategory.LimitsExceeded,
                    $"An enrichment order takes at most {OpenProspectClient.MaxOrderCompanies:N0} companies; {_given:N0} were given. Nothing was sent; split the list into several orders.", null));
            if (_companies.Count == 0)
                ThrowTerminatingError(ErrorRecords.Create("NoCompanies", ErrorCategory.InvalidArgument,
                    _invalid > 0 ? $"None of the {_invalid} rows names a company, so there is nothing to enrich. Nothing was sent."
                                 : "An enrichment order needs companies: pipe rows (e.g. Import-Csv) or give -CompanyName. For new companies, use -BriefingQuantity (discovery). Nothing was sent.", null));
        }

        var body = new CreateOrderBody
        {
            OrderType = IsDiscovery ? "DISCOVERY" : "ENRICHMENT",
            ProfileId = ProfileId,
            Title = Title,
            Features = Feature?.Select(f => f.ToUpperInvariant()).ToArray(),
            Companies = IsDiscovery ? null : _companies,
            BriefingQuantity = IsDiscovery ? BriefingQuantity : null,
            BlacklistIds = IsDiscovery && BlacklistId is { Length: > 0 } ? BlacklistId : null,
        };
        var what = IsDiscovery
            ? $"Place a DISCOVERY order for {BriefingQuantity} companies with profile {ProfileId}" + (body.BlacklistIds is null ? "" : $", excluding {string.Join(", ", body.BlacklistIds.Select(id => Named("blacklist", id)))}")
            : $"Place an ENRICHMENT order for {_companies.Count} compan{(_companies.Count == 1 ? "y" : "ies")} with profile {ProfileId}";
        if (Title is not null) what += $" titled '{Title}'";
        if (!ShouldProcess(what + " (spends credits)", what, "Place order")) return;

        var key = IdempotencyKey ?? OpenProspectClient.NewIdempotencyKey();
        int quantity = IsDiscovery ? BriefingQuantity : _companies.Count;
        var lost = new LostCreation("ORDER_OUTCOME_UNKNOWN", "order", Title is null ? $"{body.OrderType} order" : $"order {Quote(Title)}",
            since => "Get-OPOrder | Where-Object { $_.OrderType -eq " + Quote(body.OrderType) + " -and "
                     + (Title is null ? "-not $_.Title" : "$_.Title -eq " + Quote(Title))
                     + " -and $_.CreatedAt -ge " + Quote(since.ToString("yyyy-MM-ddTHH:mm:ssZ")) + " }");
        if (!TryCreate((c, ct) => c.CreateOrderAsync(body, key, ct),
                (c, since, ct) => c.FindCreatedOrdersAsync(body.OrderType, Title, ProfileId, quantity, since, ct),
                lost, Title ?? (object)ProfileId, out var order)) return;
        WriteVerbose($"Order {order.Id} is {order.Status} (Idempotency-Key {key}).");
        if (Wait) WaitFor(new[] { order }, checkFirst: false);
        else WriteItem(order);
    }
}
