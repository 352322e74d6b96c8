namespace OpenProspect.Emulator.State;

/// <summary>
/// The fixed part of the seed: organizations, API keys, prospect searches and ready search profiles. These are identical for every
/// --seed value, so tests, docs and scripts can name them; --seed only drives the ids and data generated later.
/// Each key is "lnc_test_" plus exactly 32 base62 characters; the first six spell a tag that names the key.
/// </summary>
public static class Seed
{
    public static readonly Organization Acme = new(Guid.Parse("0a000000-0000-4000-8000-000000000001"), "Acme GmbH");
    public static readonly Organization Globex = new(Guid.Parse("0b000000-0000-4000-8000-000000000002"), "Globex Ltd");

    public static IReadOnlyList<Organization> Organizations { get; } = new[] { Acme, Globex };

    /// <summary>Every scope the current docs name, in the order of the api doc's scope table.</summary>
    public static readonly string[] AllScopes =
    {
        "orders:read", "orders:write", "prospect_searches:read", "prospect_searches:write",
        "companies:read", "prospects:read", "blacklists:read", "blacklists:write",
    };

    private static readonly string[] ReadScopes = AllScopes.Where(s => s.EndsWith(":read", StringComparison.Ordinal)).ToArray();

    /// <summary>The date the "expired" key expired (in the past for any realistic clock).</summary>
    public static readonly DateTimeOffset ExpiredAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The four job presets of the current authentication page, scope for scope (api doc §1.4); then keys for
    /// the edge cases. The *-only keys hold exactly one scope, for tests that need a key with one of a pair.
    /// </summary>
    public static List<ApiKeyRecord> Keys() => new()
    {
        Key("enrichment-orders", "lnc_test_EnrOrdu8jzPde0IgxLd6GncfBAepfJBd", Acme, EnrichmentOrders),
        Key("discovery-orders", "lnc_test_DisOrd0Kh8oOOL8dKLzdocJ2isAjIhKt", Acme, [.. EnrichmentOrders, "blacklists:read", "blacklists:write"]),
        Key("crm-sync", "lnc_test_CrmSynJ0RlgLKOmxgJTeKdNnFRIBXuDL", Acme, ["companies:read", "prospects:read"]),
        Key("blacklist-management", "lnc_test_BlkMgt7DxtpYlSXpfKtHF4vUCsMehGAk", Acme, ["blacklists:read", "blacklists:write"]),
        Key("full-access", "lnc_test_FullAcWvj7FAc9QeWJKY40uvSwMFLZDe", Acme, AllScopes),
        Key("read-only", "lnc_test_ReadOn1f8rESQedUStPKR0CsTy4Qwb8D", Acme, ReadScopes),
        Key("no-scope", "lnc_test_NoScopwkNhFdnXsiVpzz63FfkCzJr4i0", Acme, []),
        Key("prospect-searches-only", "lnc_test_PsOnlyR4wXb9TqLm2VcZ8nKd3JhF6gYs", Acme, ["prospect_searches:read"]),
        Key("companies-only", "lnc_test_CoOnlyH7pQe2WsNv5XkB9mTr4LjD8fAc", Acme, ["companies:read"]),
        Key("expired", "lnc_test_ExpirdB3JrTAwR4y9ojfljoQoaF1Llqs", Acme, AllScopes, expiresAt: ExpiredAt),
        Key("revoked", "lnc_test_RevokdajAIxNKu8iS2G8NPRVdD53X83R", Acme, AllScopes, revoked: true),
        Key("other-org", "lnc_test_OthOrgZJzzzzgEOzdmenCkhvMdgaKjIg", Globex, AllScopes),
    };

    private static readonly string[] EnrichmentOrders = ["orders:write", "orders:read", "companies:read", "prospects:read"];

    public static List<ProspectSearchRecord> ProspectSearches() => new()
    {
        // The first id is the example id the docs use, so documented snippets work against the emulator.
        Search("550e8400-e29b-41d4-a716-446655440000", Acme, "DACH SaaS buyers", "ACTIVE",
            "B2B SaaS companies in DACH with 50-500 employees", Day(2025, 3, 3)),
        Search("550e8400-e29b-41d4-a716-446655440001", Acme, "Nordic logistics", "ACTIVE",
            "Logistics companies in the Nordics that run their own fleet", Day(2025, 4, 14)),
        Search("550e8400-e29b-41d4-a716-446655440002", Acme, "UK independent hotels", "PAUSED",
            "Independent hotels in the UK with at least 20 rooms", Day(2025, 5, 26)),
        Search("660e8400-e29b-41d4-a716-446655440000", Globex, "US retail chains", "ACTIVE",
            "US retail chains with 10 or more stores", Day(2025, 6, 9)),
    };

    /// <summary>One ready (SUCCEEDED, frozen) search profile per organization, usable for orders from the start.</summary>
    public static List<ProfileCreationRecord> SearchProfiles() => new()
    {
        Profile("7b000000-0000-4000-8000-00000000000a", "7a000000-0000-4000-8000-00000000000a", Acme, "DACH SaaS buyers profile",
            "B2B SaaS companies in DACH with 50-500 employees", Day(2025, 3, 1)),
        Profile("7b000000-0000-4000-8000-00000000000b", "7a000000-0000-4000-8000-00000000000b", Globex, "Globex retail profile",
            "US retail chains with 10 or more stores", Day(2025, 6, 2)),
    };

    private static ProfileCreationRecord Profile(string creationId, string profileId, Organization org, string name, string icp,
        DateTimeOffset created) =>
        new()
        {
            Id = Guid.Parse(creationId), OrganizationId = org.Id, ProfileId = Guid.Parse(profileId), ProfileName = name,
            IdealCustomerProfile = icp, CreatedAt = created, Frozen = new StatusSnapshot("SUCCEEDED", null, created.AddMinutes(2)),
        };

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private static ApiKeyRecord Key(string name, string key, Organization org, string[] scopes,
        DateTimeOffset? expiresAt = null, bool revoked = false) =>
        new() { Name = name, Key = key, Scopes = [.. scopes], OrganizationId = org.Id, ExpiresAt = expiresAt, Revoked = revoked };

    private static ProspectSearchRecord Search(string id, Organization org, string name, string status, string icp, DateTimeOffset created) =>
        new()
        {
            Id = Guid.Parse(id), OrganizationId = org.Id, Name = name, Status = status, IdealCustomerProfile = icp,
            CreatedAt = created, UpdatedAt = created.AddDays(7),
        };
}
