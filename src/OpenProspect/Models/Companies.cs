using System;
using System.Collections.Generic;

namespace OpenProspect;

/// <summary>A prospect search: the ideal customer profile OpenProspect searches and qualifies companies for.</summary>
public sealed class ProspectSearch : ApiObject
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Status { get; set; }

    /// <summary>The optimistic-locking version; an update must send the current one.</summary>
    public int? Version { get; set; }

    public string? IdealCustomerProfile { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The same as Id, so prospect searches pipe into -ProspectSearchId parameters by property name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ProspectSearchId => Id;

    /// <summary>Fields the server silently dropped from the last update (admin-only fields).</summary>
    public string[]? StrippedFields { get; set; }
}

/// <summary>A company found or delivered for a prospect search.</summary>
public sealed class Company : ApiObject
{
    public string Id { get; set; } = "";

    public string? ProspectSearchId { get; set; }

    public string? Name { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }

    public string? BusinessType { get; set; }

    public string? Website { get; set; }

    /// <summary>0 to 10: how well the company fits the prospect search.</summary>
    public double? MatchScore { get; set; }

    /// <summary>accepted, rejected or pending.</summary>
    public string? ReviewStatus { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the company was delivered (delivery sync); null when the API does not say.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The same as Id, so companies pipe into -CompanyId parameters by property name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string CompanyId => Id;

    /// <summary>Contacts, where the answer embeds them (details, deliveries).</summary>
    public List<Prospect>? Prospects { get; set; }
}

/// <summary>A job posting of a company.</summary>
public sealed class CompanyJob : ApiObject
{
    public string Id { get; set; } = "";

    /// <summary>The company the job belongs to (set by the module).</summary>
    public string CompanyId { get; set; } = "";

    public string? Title { get; set; }

    public string? Department { get; set; }

    public string? Location { get; set; }

    public string? Seniority { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset? PostedAt { get; set; }
}

/// <summary>The hiring activity of a company.</summary>
public sealed class CompanyJobSummary : ApiObject
{
    public string CompanyId { get; set; } = "";

    public int? TotalJobs { get; set; }

    public int? OpenJobs { get; set; }

    public Dictionary<string, int>? Departments { get; set; }

    public DateTimeOffset? LatestPostedAt { get; set; }

    public string? HiringTrend { get; set; }
}

/// <summary>A technology seen on a company's website, with when it was seen.</summary>
public sealed class CompanyTechnology : ApiObject
{
    /// <summary>The company (set by the module).</summary>
    public string CompanyId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Category { get; set; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public double? Confidence { get; set; }
}

/// <summary>The technology stack of a company in numbers.</summary>
public sealed class CompanyTechnologySummary : ApiObject
{
    public string CompanyId { get; set; } = "";

    public int? TotalTechnologies { get; set; }

    public Dictionary<string, int>? Categories { get; set; }

    public string[]? TopTechnologies { get; set; }
}
