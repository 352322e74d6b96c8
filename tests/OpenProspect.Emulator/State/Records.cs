namespace OpenProspect.Emulator.State;

// The records the emulator keeps in memory. Each one knows its API representation (ToJson), written with
// snake_case property names as the real API does. All mutation happens under EmulatorState.Gate.

/// <summary>An organization: every key, prospect search and blacklist belongs to exactly one.</summary>
public sealed record Organization(Guid Id, string Name);

/// <summary>An API key as the dashboard would issue it: scopes, owning organization, expiry, revocation.</summary>
public sealed class ApiKeyRecord
{
    public required string Name { get; init; }
    public required string Key { get; init; }
    public required string[] Scopes { get; init; }
    public required Guid OrganizationId { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public bool Revoked { get; set; }

    public bool HasScope(string scope) => Array.IndexOf(Scopes, scope) >= 0;
}

/// <summary>A prospect search (the "search profile" a customer runs). Later areas hang companies off it.</summary>
public sealed class ProspectSearchRecord
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    /// <summary>ACTIVE or PAUSED in the seed data.</summary>
    public required string Status { get; set; }
    /// <summary>Optimistic-locking version (api doc L1/L2); starts at 1.</summary>
    public int Version { get; set; } = 1;
    public required string IdealCustomerProfile { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    public object ToJson() => new
    {
        id = Id,
        name = Name,
        status = Status,
        version = Version,
        ideal_customer_profile = IdealCustomerProfile,
        created_at = CreatedAt,
        updated_at = UpdatedAt,
    };
}

/// <summary>
/// A blacklist and its entries. Entries stay in insertion order in a list; two sets hold the de-duplication keys
/// (external ids, compared case-insensitively, and website domains) of the stored entries, so adding a batch
/// is linear in its size. Because duplicates are never stored, each key belongs to exactly one stored entry.
/// </summary>
public sealed class BlacklistRecord
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    public List<EntryRecord> Entries { get; } = new();
    public HashSet<string> ExternalIds { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> Domains { get; } = new(StringComparer.Ordinal);

    /// <summary>True when an entry with this external id or website domain is already stored.</summary>
    public bool IsDuplicate(string? externalId, string? domain) =>
        (externalId is not null && ExternalIds.Contains(externalId)) || (domain is not null && Domains.Contains(domain));

    public void AddEntry(EntryRecord entry)
    {
        Entries.Add(entry);
        if (entry.ExternalId is not null) ExternalIds.Add(entry.ExternalId);
        if (entry.Domain is not null) Domains.Add(entry.Domain);
    }

    /// <summary>Removes the entries whose ids are in <paramref name="ids"/>; ids not on this list are ignored.</summary>
    public int RemoveEntries(IReadOnlySet<Guid> ids)
    {
        return Entries.RemoveAll(e =>
        {
            if (!ids.Contains(e.Id)) return false;
            if (e.ExternalId is not null) ExternalIds.Remove(e.ExternalId);
            if (e.Domain is not null) Domains.Remove(e.Domain);
            return true;
        });
    }

    public object ToJson() => new
    {
        id = Id,
        name = Name,
        description = Description,
        entry_count = Entries.Count,
        created_at = CreatedAt,
        updated_at = UpdatedAt,
    };
}

/// <summary>One blacklist entry. <see cref="Domain"/> is the de-duplication key derived from the website.</summary>
public sealed class EntryRecord
{
    public required Guid Id { get; init; }
    public required Guid BlacklistId { get; init; }
    public string? CompanyName { get; init; }
    public string? WebsiteUrl { get; init; }
    public string? ExternalId { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Domain { get; init; }

    public object ToJson() => new
    {
        id = Id,
        blacklist_id = BlacklistId,
        company_name = CompanyName,
        website_url = WebsiteUrl,
        external_id = ExternalId,
        city = City,
        country = Country,
        created_at = CreatedAt,
    };
}
