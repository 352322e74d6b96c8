using System.Collections.Generic;

namespace OpenProspect.Api.Wire;

// Request and response bodies of the blacklist endpoints that never reach the pipeline as they are.

internal sealed class CreateBlacklistBody
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }
}

internal sealed class UpdateBlacklistBody
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}

/// <summary>A company as the API takes it in blacklist entries and enrichment orders.</summary>
internal sealed class CompanyBody
{
    public string? CompanyName { get; set; }

    public string? WebsiteUrl { get; set; }

    public string? ExternalId { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }
}

internal sealed class AddEntriesBody
{
    public List<CompanyBody> Entries { get; set; } = new();
}

internal sealed class AddEntriesAnswer
{
    public string? BlacklistId { get; set; }

    public long? Added { get; set; }

    public long? Duplicates { get; set; }

    /// <summary>Some revisions of the docs call duplicates "skipped".</summary>
    public long? Skipped { get; set; }

    public long? EntryCount { get; set; }
}

internal sealed class RemoveEntriesBody
{
    public List<string> EntryIds { get; set; } = new();
}

internal sealed class RemoveEntriesAnswer
{
    public long? Removed { get; set; }

    public long? EntryCount { get; set; }
}

internal sealed class SetAssignmentBody
{
    public List<string> BlacklistIds { get; set; } = new();
}
