namespace OpenProspect.Emulator.State;

/// <summary>
/// The companies of one prospect search. Seeded companies are not stored: company <c>i</c> of <c>n</c> was
/// delivered <c>n - 1 - i</c> seconds before the seeded end time. Companies delivered at run time (control plane)
/// keep only their delivery time. Ordinal = position in delivery order, so delivered_at strictly increases with it.
/// </summary>
public sealed class CompanySearch
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    /// <summary>Position in the store; part of every generated id.</summary>
    public required int Index { get; init; }
    public required CompanyProfile Profile { get; init; }
    public required ulong Salt { get; init; }
    public required int SeededCount { get; init; }
    /// <summary>Delivery time of the last seeded company (ticks, whole seconds).</summary>
    public required long SeededEndTicks { get; init; }
    /// <summary>Delivery times (ticks) of the companies delivered at run time, ascending.</summary>
    public List<long> Delivered { get; } = new();

    public int Count => SeededCount + Delivered.Count;

    public long DeliveredTicks(int ordinal) =>
        ordinal < SeededCount
            ? SeededEndTicks - (long)(SeededCount - 1 - ordinal) * TimeSpan.TicksPerSecond
            : Delivered[ordinal - SeededCount];

    public DateTimeOffset DeliveredAt(int ordinal) => new(DeliveredTicks(ordinal), TimeSpan.Zero);

    /// <summary>The first ordinal delivered strictly after <paramref name="ticks"/> (Count when none).</summary>
    public int FirstDeliveredAfter(long ticks)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (DeliveredTicks(mid) > ticks) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}

/// <summary>
/// Companies, their jobs, technologies and prospects, and deliveries: a separate singleton with its own lock
/// (<see cref="Gate"/>) and <see cref="Reset"/>. Memory and start-up time do not grow with --companies: each
/// company is generated from (seed, search, ordinal) when asked for, and ids decode back to (search, ordinal).
/// When a handler needs both locks it takes EmulatorState.Gate first, never the other way round.
/// </summary>
public sealed class CompanyStore
{
    public const int DefaultSeededCompanies = 1500;
    public const int MaxSeededCompanies = 10_000_000;
    /// <summary>Most companies one control-plane delivery may create.</summary>
    public const int MaxDeliveryCount = 100_000;

    /// <summary>Seeded companies of the other searches; the first search gets --companies.</summary>
    private static readonly Dictionary<Guid, int> FixedCounts = new()
    {
        [Guid.Parse("550e8400-e29b-41d4-a716-446655440001")] = 40,
        [Guid.Parse("550e8400-e29b-41d4-a716-446655440002")] = 0,
        [Guid.Parse("660e8400-e29b-41d4-a716-446655440000")] = 30,
    };

    public static readonly Guid MainSearchId = Guid.Parse("550e8400-e29b-41d4-a716-446655440000");

    private readonly int _seededCompanies;
    private readonly long _seededEndTicks;
    private readonly List<CompanySearch> _searches = new();
    private readonly Dictionary<Guid, CompanySearch> _byId = new();
    private long _lastDeliveredTicks;

    public CompanyStore(int seed, int seededCompanies)
    {
        _seededCompanies = seededCompanies;
        var now = DateTimeOffset.UtcNow;
        var anchor = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        _seededEndTicks = anchor.AddDays(-1).UtcTicks;
        Ids = new CompanyIds(seed);
        Generator = new CompanyGenerator(seed, Ids, anchor);
        Reset();
    }

    /// <summary>Take this lock around every use of the searches and their delivery lists.</summary>
    public object Gate { get; } = new();

    public CompanyIds Ids { get; }

    public CompanyGenerator Generator { get; }

    public int SeededCompanies => _seededCompanies;

    /// <summary>Back to the seed: the seeded companies only, nothing delivered at run time.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            _searches.Clear();
            _byId.Clear();
            _lastDeliveredTicks = _seededEndTicks;
            foreach (var search in Seed.ProspectSearches())
            {
                var count = search.Id == MainSearchId ? _seededCompanies : FixedCounts.GetValueOrDefault(search.Id);
                Add(search.Id, search.OrganizationId, count);
            }
        }
    }

    /// <summary>Every search known to the store, in store order (seeded first).</summary>
    public IReadOnlyList<CompanySearch> Searches => _searches;

    public CompanySearch? Find(Guid prospectSearchId) => _byId.GetValueOrDefault(prospectSearchId);

    /// <summary>The search's companies, or an empty search when none was ever delivered to it.</summary>
    public int CountOf(Guid prospectSearchId) => Find(prospectSearchId)?.Count ?? 0;

    public GeneratedCompany Company(CompanySearch search, int ordinal) => Generator.Company(search, ordinal);

    /// <summary>
    /// Resolves a generated id of <paramref name="kind"/> to its search and ordinal (and child number), when it
    /// exists and belongs to <paramref name="organizationId"/>.
    /// </summary>
    public bool TryResolve(Guid id, GeneratedKind kind, Guid organizationId, out CompanySearch search, out int ordinal, out int child)
    {
        search = null!;
        ordinal = child = 0;
        if (!Ids.TryDecode(id, out var reference) || reference.Kind != kind) return false;
        if (reference.SearchIndex >= _searches.Count) return false;
        var found = _searches[reference.SearchIndex];
        if (found.OrganizationId != organizationId || reference.Ordinal >= found.Count) return false;
        search = found;
        ordinal = reference.Ordinal;
        child = reference.Child;
        return true;
    }

    /// <summary>
    /// Delivers <paramref name="count"/> new companies to the search, now: each delivered_at is strictly later
    /// than every delivered_at in the store (microsecond steps). Returns their ids.
    /// </summary>
    public List<Guid> Deliver(Guid prospectSearchId, Guid organizationId, int count)
    {
        var search = Find(prospectSearchId) ?? Add(prospectSearchId, organizationId, 0);
        var ids = new List<Guid>(count);
        var now = DateTime.UtcNow.Ticks / 10 * 10;
        for (var i = 0; i < count; i++)
        {
            var ticks = Math.Max(now, _lastDeliveredTicks + 10);
            _lastDeliveredTicks = ticks;
            search.Delivered.Add(ticks);
            ids.Add(Ids.Encode(GeneratedKind.Company, search.Index, search.Count - 1));
        }
        return ids;
    }

    private CompanySearch Add(Guid id, Guid organizationId, int seeded)
    {
        if (_searches.Count > CompanyIds.MaxSearchIndex)
            throw new InvalidOperationException($"The emulator holds companies for at most {CompanyIds.MaxSearchIndex + 1} prospect searches.");
        var index = _searches.Count;
        var search = new CompanySearch
        {
            Id = id, OrganizationId = organizationId, Index = index, Profile = CompanyProfiles.For(id),
            Salt = Generator.SearchSalt(index), SeededCount = seeded, SeededEndTicks = _seededEndTicks,
        };
        _searches.Add(search);
        _byId.Add(id, search);
        return search;
    }
}
