using System.Collections.Generic;

namespace OpenProspect.Api.Wire;

internal sealed class CreateSearchProfileBody
{
    public string ProfileName { get; set; } = "";

    public string IdealCustomerProfile { get; set; } = "";

    public string? SellerOffering { get; set; }

    public string? SellerIndustry { get; set; }

    public string[]? TargetCountries { get; set; }

    public string[]? TargetCities { get; set; }

    public string[]? TargetIndustries { get; set; }

    public string[]? ExcludedIndustries { get; set; }

    public string[]? ContactRoles { get; set; }

    public string? OutputLanguage { get; set; }
}

internal sealed class CreateOrderBody
{
    public string OrderType { get; set; } = "";

    public string ProfileId { get; set; } = "";

    public string? Title { get; set; }

    public string[]? Features { get; set; }

    /// <summary>Enrichment only.</summary>
    public List<CompanyBody>? Companies { get; set; }

    /// <summary>Discovery only; the API derives it from the companies for enrichment.</summary>
    public int? BriefingQuantity { get; set; }

    /// <summary>Discovery only.</summary>
    public string[]? BlacklistIds { get; set; }
}
