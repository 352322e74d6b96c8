namespace OpenProspect.Emulator.State;

/// <summary>
/// Everything the emulator holds, behind one lock (simple and fast enough for tests and benchmarks).
/// Ids come from a Random seeded by --seed, so a run is reproducible.
/// </summary>
public sealed class EmulatorState
{
    private readonly int _seed;
    private Random _random;

    public EmulatorState(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
        Reset();
    }

    public object Gate { get; } = new();

    public List<Organization> Organizations { get; } = new() { Seed.Acme, Seed.Globex };
    public List<ApiKeyRecord> Keys { get; private set; } = new();
    public List<ProspectSearchRecord> ProspectSearches { get; private set; } = new();
    public List<BlacklistRecord> Blacklists { get; private set; } = new();
    public Dictionary<Guid, List<Guid>> Assignments { get; private set; } = new();

    public void Reset()
    {
        lock (Gate)
        {
            _random = new Random(_seed);
            var now = DateTimeOffset.UtcNow;
            Keys = Seed.Keys();
            ProspectSearches = Seed.ProspectSearches(now);
            Blacklists = new();
            Assignments = new();
        }
    }

    /// <summary>A version-4 UUID from the seeded generator. Call under the lock.</summary>
    public Guid NewId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);   // version 4 (Guid byte order)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(bytes);
    }

    public ApiKeyRecord? FindKey(string key) => Keys.FirstOrDefault(k => k.Key == key);

    public BlacklistRecord? FindBlacklist(Guid id, Guid org) => Blacklists.FirstOrDefault(b => b.Id == id && b.OrganizationId == org);

    public ProspectSearchRecord? FindProspectSearch(Guid id, Guid org) => ProspectSearches.FirstOrDefault(p => p.Id == id && p.OrganizationId == org);
}
