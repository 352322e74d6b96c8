using System;

namespace OpenProspect;

/// <summary>
/// One prospect with its company's fields, as -ExpandProspect writes it: the flat shape Export-Csv and CRM
/// imports take. A company without prospects gives one row with empty prospect fields.
/// </summary>
public sealed class ProspectRow
{
    public string? CompanyId { get; set; }

    public string? CompanyName { get; set; }

    public string? CompanyWebsite { get; set; }

    public string? CompanyCity { get; set; }

    public string? CompanyCountry { get; set; }

    public double? MatchScore { get; set; }

    /// <summary>Your external id, for order results of enrichment orders.</summary>
    public string? SourceId { get; set; }

    public string? OrderId { get; set; }

    public string? ProspectSearchId { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The company's technologies, comma-separated, where the answer has them.</summary>
    public string? Technologies { get; set; }

    public string? ProspectId { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? FullName { get; set; }

    public string? JobTitle { get; set; }

    public string? Seniority { get; set; }

    public string? Email { get; set; }

    public string? LinkedinUrl { get; set; }
}
