namespace OpenProspect.Emulator.State;

/// <summary>
/// The fields of a prospect search that only the detail view (L1) shows: geo locations, search keywords and the
/// language configuration. API keys can change none of them (geo locations and keywords are admin-only and get
/// stripped; the language configuration is AI-generated and read-only), so they are fixed seed data.
/// </summary>
public sealed record ProspectSearchDetails(string[] GeoLocations, string[] SearchKeywords, object LanguageConfig)
{
    private static readonly Dictionary<Guid, ProspectSearchDetails> Seeded = new()
    {
        [Guid.Parse("550e8400-e29b-41d4-a716-446655440000")] = new(
            ["Germany", "Austria", "Switzerland"], ["B2B SaaS", "subscription software", "cloud platform"],
            Language("de", "en")),
        [Guid.Parse("550e8400-e29b-41d4-a716-446655440001")] = new(
            ["Sweden", "Norway", "Denmark", "Finland"], ["logistics", "own fleet", "freight"],
            Language("sv", "no", "da", "fi", "en")),
        [Guid.Parse("550e8400-e29b-41d4-a716-446655440002")] = new(
            ["United Kingdom"], ["independent hotel", "boutique hotel", "20+ rooms"],
            Language("en")),
        [Guid.Parse("660e8400-e29b-41d4-a716-446655440000")] = new(
            ["United States"], ["retail chain", "10+ stores"],
            Language("en")),
    };

    private static readonly ProspectSearchDetails Empty = new([], [], Language("en"));

    public static ProspectSearchDetails For(Guid prospectSearchId) => Seeded.GetValueOrDefault(prospectSearchId) ?? Empty;

    private static object Language(string primary, params string[] more) => new
    {
        primary_language = primary,
        languages = new[] { primary }.Concat(more).Distinct().ToArray(),
        output_language = "en",
    };
}
