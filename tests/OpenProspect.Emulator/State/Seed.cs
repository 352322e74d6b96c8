namespace OpenProspect.Emulator.State;

/// <summary>
/// Fixed seed data: the same keys and prospect-search ids for every --seed, so tests, docs and scripts can name them.
/// </summary>
public static class Seed
{
    public static readonly Organization Acme = new(Guid.Parse("0a1b2c3d-0000-4000-8000-00000000000a"), "Acme GmbH");
    public static readonly Organization Globex = new(Guid.Parse("0a1b2c3d-0000-4000-8000-00000000000b"), "Globex Ltd");

    private static readonly string[] FullAccess =
    {
        "orders:read", "orders:write", "prospect_searches:read", "prospect_searches:write",
        "companies:read", "prospects:read", "blacklists:read", "blacklists:write",
    };

    public static List<ApiKeyRecord> Keys() => new()
    {
        Key("enrichment-orders", "lnc_test_EnrOrdu8jzPde0IgxLd6GncfBAepfJBd", Acme, "orders:read", "orders:write"),
        Key("discovery-orders", "lnc_test_DisOrd0Kh8oOOL8dKLzdocJ2isAjIhKt", Acme, "orders:read", "orders:write", "blacklists:read", "blacklists:write"),
        Key("crm-sync", "lnc_test_CrmSynJ0RlgLKOmxgJTeKdNnFRIBXuDL", Acme, "prospect_searches:read", "companies:read", "prospects:read"),
        Key("blacklist-management", "lnc_test_BlkMgt7DxtpYlSXpfKtHF4vUCsMehGAk", Acme, "blacklists:read", "blacklists:write"),
        Key("full-access", "lnc_test_FullAcWvj7FAc9QeWJKY40uvSwMFLZDe", Acme, FullAccess),
        Key("read-only", "lnc_test_ReadOn1f8rESQedUStPKR0CsTy4Qwb8D", Acme, FullAccess.Where(s => s.EndsWith(":read")).ToArray()),
        Key("no-scope", "lnc_test_NoScopwkNhFdnXsiVpzz63FfkCzJr4i0", Acme),
        new ApiKeyRecord { Name = "expired", Key = "lnc_test_ExpirdB3JrTAwR4y9ojfljoQoaF1Llqs", Scopes = FullAccess, OrganizationId = Acme.Id, ExpiresAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        new ApiKeyRecord { Name = "revoked", Key = "lnc_test_RevokdajAIxNKu8iS2G8NPRVdD53X83R", Scopes = FullAccess, OrganizationId = Acme.Id, Revoked = true },
        Key("other-org", "lnc_test_OthOrgZJzzzzgEOzdmenCkhvMdgaKjIg", Globex, FullAccess),
    };

    public static List<ProspectSearchRecord> ProspectSearches(DateTimeOffset now) => new()
    {
        Search("550e8400-e29b-41d4-a716-446655440000", Acme, "DACH SaaS buyers", "ACTIVE", "B2B SaaS companies in DACH with 50-500 employees", now),
        Search("550e8400-e29b-41d4-a716-446655440001", Acme, "Nordic logistics", "ACTIVE", "Logistics firms in the Nordics with their own fleet", now),
        Search("550e8400-e29b-41d4-a716-446655440002", Acme, "UK hotels (paused)", "PAUSED", "Independent hotels in the UK with 20+ rooms", now),
        Search("660e8400-e29b-41d4-a716-446655440000", Globex, "Globex: US retail", "ACTIVE", "US retail chains with 10+ stores", now),
    };

    private static ApiKeyRecord Key(string name, string key, Organization org, params string[] scopes) =>
        new() { Name = name, Key = key, Scopes = scopes, OrganizationId = org.Id };

    private static ProspectSearchRecord Search(string id, Organization org, string name, string status, string icp, DateTimeOffset now) =>
        new() { Id = Guid.Parse(id), OrganizationId = org.Id, Name = name, Status = status, IdealCustomerProfile = icp, CreatedAt = now, UpdatedAt = now };
}
