using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenProspect;

/// <summary>An asynchronous search-profile creation; poll it until SUCCEEDED, then order with its ProfileId.</summary>
public sealed class SearchProfileCreation : ApiObject
{
    public string ProfileCreationId { get; set; } = "";

    /// <summary>PENDING, RUNNING, SUCCEEDED or FAILED (a string, so a new status never breaks parsing).</summary>
    public string Status { get; set; } = "";

    public string? ProfileId { get; set; }

    public string? ProfileName { get; set; }

    public string? ErrorMessage { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonIgnore]
    internal bool IsFinished => Status is "SUCCEEDED" or "FAILED";

    public override string ToString() => $"search-profile creation {ProfileCreationId} ({Status})";

    /// <summary>Some answers name the id "id".</summary>
    [JsonInclude, JsonPropertyName("id")]
    internal string? IdAlias { get => null; set { if (string.IsNullOrEmpty(ProfileCreationId)) ProfileCreationId = value ?? ""; } }
}

/// <summary>An enrichment or discovery order.</summary>
public sealed class Order : ApiObject
{
    public string Id { get; set; } = "";

    /// <summary>ENRICHMENT or DISCOVERY.</summary>
    public string OrderType { get; set; } = "";

    /// <summary>RECEIVED, ACCEPTED, IN_PROGRESS, COMPLETED, REJECTED, FAILED or CANCELLED.</summary>
    public string Status { get; set; } = "";

    public string? Title { get; set; }

    public string? ProfileId { get; set; }

    public int? BriefingQuantity { get; set; }

    public string[]? Features { get; set; }

    public string[]? BlacklistIds { get; set; }

    /// <summary>Why an order was rejected or failed, when the API says.</summary>
    public string? Message { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonIgnore]
    internal bool IsTerminal => Status is "COMPLETED" or "REJECTED" or "FAILED" or "CANCELLED";

    public override string ToString() => Status is "" ? $"order {Id}" : $"order {Id} ({Status})";

    /// <summary>Older answers name the id "order_id".</summary>
    [JsonInclude, JsonPropertyName("order_id")]
    internal string? OrderIdAlias { get => null; set { if (string.IsNullOrEmpty(Id)) Id = value ?? ""; } }
}

/// <summary>One delivered company of a completed order, with its contacts and technologies.</summary>
public sealed class OrderResult : ApiObject
{
    public string Id { get; set; } = "";

    /// <summary>The order this result belongs to (set by the module).</summary>
    [JsonIgnore]
    public string OrderId { get; set; } = "";

    /// <summary>The external id you sent with the company (enrichment); null for discovered companies.</summary>
    public string? SourceId { get; set; }

    public string? Name { get; set; }

    public string? Website { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }

    public string? BusinessType { get; set; }

    public double? MatchScore { get; set; }

    public string? ReviewStatus { get; set; }

    public List<Technology> Technologies { get; set; } = new();

    public List<Prospect> Prospects { get; set; } = new();
}

/// <summary>A technology seen on a company's web presence.</summary>
public sealed class Technology : ApiObject
{
    public string Name { get; set; } = "";

    public string? Category { get; set; }

    public override string ToString() => Name;
}

/// <summary>A person at a company (a decision-maker contact).</summary>
public sealed class Prospect : ApiObject
{
    public string Id { get; set; } = "";

    public string? CompanyId { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? FullName { get; set; }

    public string? JobTitle { get; set; }

    public string? Email { get; set; }

    public string? LinkedinUrl { get; set; }

    public string? Seniority { get; set; }

    public override string ToString() => FullName ?? $"{FirstName} {LastName}".Trim();
}
