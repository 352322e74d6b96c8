namespace OpenProspect.Emulator.State;

public sealed record Organization(Guid Id, string Name);

public sealed class ApiKeyRecord
{
    public required string Name { get; init; }
    public required string Key { get; init; }
    public required string[] Scopes { get; init; }
    public required Guid OrganizationId { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public bool Revoked { get; set; }
}

public sealed class ProspectSearchRecord
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public required string Status { get; set; }
    public int Version { get; set; } = 1;
    public string IdealCustomerProfile { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class BlacklistRecord
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<EntryRecord> Entries { get; } = new();
    /// <summary>De-duplication keys: lower-cased external ids and website domains already on the list.</summary>
    public HashSet<string> ExternalIds { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> Domains { get; } = new(StringComparer.OrdinalIgnoreCase);

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

public sealed class EntryRecord
{
    public required Guid Id { get; init; }
    public required Guid BlacklistId { get; init; }
    public string? CompanyName { get; init; }
    public string? WebsiteUrl { get; init; }
    public string? ExternalId { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
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
