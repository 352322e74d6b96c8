using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenProspect;

/// <summary>A named list of companies kept out of prospecting results.</summary>
public sealed class Blacklist : ApiObject
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public long EntryCount { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>One company on a blacklist.</summary>
public sealed class BlacklistEntry : ApiObject
{
    public string Id { get; set; } = "";

    public string? BlacklistId { get; set; }

    public string? CompanyName { get; set; }

    public string? WebsiteUrl { get; set; }

    public string? ExternalId { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
}

/// <summary>What Add-OPBlacklistEntry reports for one call.</summary>
public sealed class BlacklistEntryImportResult
{
    public string BlacklistId { get; set; } = "";

    /// <summary>Rows given to the cmdlet.</summary>
    public long Received { get; set; }

    /// <summary>Entries the API stored.</summary>
    public long Added { get; set; }

    /// <summary>Entries the API recognised as already on the list (same external id or website domain).</summary>
    public long Duplicates { get; set; }

    /// <summary>Rows refused before sending (no company name, website or external id); each has its own error.</summary>
    public long Invalid { get; set; }

    /// <summary>Rows in batches the API did not store; each batch has its own error carrying its rows.</summary>
    public long Failed { get; set; }

    /// <summary>Entry requests sent.</summary>
    public int Batches { get; set; }
}

/// <summary>The result of removing entries.</summary>
public sealed class BlacklistEntryRemovalResult
{
    public string BlacklistId { get; set; } = "";

    public long Requested { get; set; }

    public long Removed { get; set; }

    public long Failed { get; set; }
}
