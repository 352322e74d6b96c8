namespace OpenProspect.Emulator.State;

/// <summary>
/// Everything the emulator holds, in memory, behind one lock (<see cref="Gate"/>): simple, and fast enough for
/// tests and benchmarks. Handlers take the lock for the whole read-check-write of a request, so each API call is
/// atomic. Ids come from a generator seeded by --seed, so the same sequence of calls yields the same ids.
/// </summary>
public sealed class EmulatorState
{
    private readonly int _seed;
    private Random _random;
    private long _lastTicks;
    private Dictionary<string, ApiKeyRecord> _keysByString = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, BlacklistRecord> _blacklistsById = new();

    public EmulatorState(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
        Pool = new DiscoveryPool(seed);
        Reset();
    }

    /// <summary>Take this lock around every read or write of the collections below.</summary>
    public object Gate { get; } = new();

    public int SeedValue => _seed;

    public IReadOnlyList<Organization> Organizations => Seed.Organizations;

    /// <summary>The seeded keys, in seed order. Only <see cref="ApiKeyRecord.Revoked"/> changes at run time.</summary>
    public List<ApiKeyRecord> Keys { get; private set; } = new();

    public List<ProspectSearchRecord> ProspectSearches { get; private set; } = new();

    /// <summary>All organizations' blacklists in creation order. Add and remove through the methods below.</summary>
    public List<BlacklistRecord> Blacklists { get; } = new();

    /// <summary>Prospect search id → the ids of its assigned blacklists, in the order they were set.</summary>
    public Dictionary<Guid, List<Guid>> BlacklistAssignments { get; } = new();

    /// <summary>The companies DISCOVERY orders deliver from (fixed per seed, untouched by a reset).</summary>
    public DiscoveryPool Pool { get; }

    /// <summary>All organizations' search-profile creations, the seeded ready profiles first.</summary>
    public List<ProfileCreationRecord> ProfileCreations { get; } = new();

    /// <summary>All organizations' orders in creation order. Add through <see cref="AddOrder"/>.</summary>
    public List<OrderRecord> Orders { get; } = new();

    private readonly Dictionary<Guid, OrderRecord> _ordersById = new();

    /// <summary>Restores the seeded state: keys (un-revoked), prospect searches, no blacklists, a fresh id sequence.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            _random = new Random(_seed);
            Keys = Seed.Keys();
            _keysByString = Keys.ToDictionary(k => k.Key, StringComparer.Ordinal);
            ProspectSearches = Seed.ProspectSearches();
            Blacklists.Clear();
            _blacklistsById.Clear();
            BlacklistAssignments.Clear();
            ProfileCreations.Clear();
            ProfileCreations.AddRange(Seed.SearchProfiles());
            Orders.Clear();
            _ordersById.Clear();
        }
    }

    /// <summary>A version-4 UUID from the seeded generator. Call under the lock.</summary>
    public Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);   // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// The current UTC time at microsecond precision (what the API shows), strictly increasing across calls so
    /// that an update always moves updated_at forward and creation order matches timestamp order.
    /// </summary>
    public DateTimeOffset Now()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastTicks);
            var ticks = DateTime.UtcNow.Ticks / 10 * 10;
            if (ticks <= last) ticks = last + 10;
            if (Interlocked.CompareExchange(ref _lastTicks, ticks, last) == last)
                return new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public ApiKeyRecord? FindKey(string key) => _keysByString.GetValueOrDefault(key);

    public ApiKeyRecord? FindKeyByName(string name) => Keys.FirstOrDefault(k => k.Name == name);

    public string OrganizationName(Guid id) => Organizations.First(o => o.Id == id).Name;

    /// <summary>The prospect search when it exists and belongs to <paramref name="organizationId"/>; null otherwise.</summary>
    public ProspectSearchRecord? FindProspectSearch(Guid id, Guid organizationId) =>
        ProspectSearches.FirstOrDefault(p => p.Id == id && p.OrganizationId == organizationId);

    /// <summary>The blacklist when it exists and belongs to <paramref name="organizationId"/>; null otherwise.</summary>
    public BlacklistRecord? FindBlacklist(Guid id, Guid organizationId) =>
        _blacklistsById.TryGetValue(id, out var b) && b.OrganizationId == organizationId ? b : null;

    /// <summary>The order when it exists and (if given) belongs to <paramref name="organizationId"/>; null otherwise.</summary>
    public OrderRecord? FindOrder(Guid id, Guid? organizationId = null) =>
        _ordersById.TryGetValue(id, out var o) && (organizationId is null || o.OrganizationId == organizationId) ? o : null;

    public void AddOrder(OrderRecord order)
    {
        Orders.Add(order);
        _ordersById.Add(order.Id, order);
    }

    public void AddBlacklist(BlacklistRecord blacklist)
    {
        Blacklists.Add(blacklist);
        _blacklistsById.Add(blacklist.Id, blacklist);
    }

    /// <summary>Deletes the blacklist and takes it out of every prospect search's assignment.</summary>
    public void RemoveBlacklist(BlacklistRecord blacklist)
    {
        Blacklists.Remove(blacklist);
        _blacklistsById.Remove(blacklist.Id);
        foreach (var assigned in BlacklistAssignments.Values) assigned.Remove(blacklist.Id);
    }
}
