namespace OpenProspect.Emulator.State;

// Search-profile creations (#2/#3) and orders (#4–#7). Their status is not stored but derived from the time
// elapsed since creation (the clock of --profile-seconds / --order-seconds), unless the control plane froze it.
// All mutation happens under EmulatorState.Gate.

/// <summary>The clock options: seconds from RECEIVED to COMPLETED, and for a profile creation to finish.</summary>
public sealed record OrderTiming(double OrderSeconds, double ProfileSeconds)
{
    public TimeSpan OrderAt(double fraction) => TimeSpan.FromSeconds(OrderSeconds * fraction);

    public TimeSpan ProfileAt(double fraction) => TimeSpan.FromSeconds(ProfileSeconds * fraction);
}

/// <summary>A status at a moment, the message that goes with it, and when the record last changed.</summary>
public readonly record struct StatusSnapshot(string Status, string? Message, DateTimeOffset UpdatedAt);

/// <summary>
/// A search-profile creation. PENDING for the first third of --profile-seconds, then RUNNING, then SUCCEEDED
/// (profile_id set) or, when the name contains "[fail]", FAILED. <see cref="ProfileId"/> is chosen at creation but
/// only shown, and only usable for orders, once the creation has SUCCEEDED.
/// </summary>
public sealed class ProfileCreationRecord
{
    public const string FailedMessage = "Profile generation failed";
    public static readonly string[] Statuses = { "PENDING", "RUNNING", "SUCCEEDED", "FAILED" };

    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required Guid ProfileId { get; init; }
    public required string ProfileName { get; init; }
    public required string IdealCustomerProfile { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Set by the control plane: the status no longer follows the clock.</summary>
    public StatusSnapshot? Frozen { get; set; }

    public bool Fails => ProfileName.Contains("[fail]", StringComparison.OrdinalIgnoreCase);

    public StatusSnapshot StatusAt(DateTimeOffset now, OrderTiming timing)
    {
        if (Frozen is { } frozen) return frozen;
        var elapsed = now - CreatedAt;
        if (elapsed < timing.ProfileAt(1.0 / 3)) return new("PENDING", null, CreatedAt);
        if (elapsed < timing.ProfileAt(1)) return new("RUNNING", null, CreatedAt + timing.ProfileAt(1.0 / 3));
        return Fails
            ? new("FAILED", FailedMessage, CreatedAt + timing.ProfileAt(1))
            : new("SUCCEEDED", null, CreatedAt + timing.ProfileAt(1));
    }

    public object ToJson(DateTimeOffset now, OrderTiming timing)
    {
        var status = StatusAt(now, timing);
        return new
        {
            profile_creation_id = Id,
            status = status.Status,
            profile_id = status.Status == "SUCCEEDED" ? ProfileId : (Guid?)null,
            profile_name = ProfileName,
            error_message = status.Status == "FAILED" ? status.Message ?? FailedMessage : null,
            created_at = CreatedAt,
            updated_at = status.UpdatedAt,
        };
    }
}

/// <summary>One company of an ENRICHMENT order as submitted ("" counts as absent for the optional fields).</summary>
public sealed record OrderCompanyInput(string CompanyName, string? WebsiteUrl, string? ExternalId, string? City, string? Country);

/// <summary>
/// An order. With T = --order-seconds: RECEIVED for [0, 0.2T), ACCEPTED for [0.2T, 0.4T), IN_PROGRESS for
/// [0.4T, T), then COMPLETED. A title with "[reject]" is REJECTED from 0.2T on; one with "[fail]" FAILED and one
/// with "[cancel]" CANCELLED from 0.4T on. Results are fixed at creation: the submitted companies (ENRICHMENT) or the chosen indexes into the
/// discovery pool (DISCOVERY, blacklists applied as they were then); details are generated deterministically.
/// </summary>
public sealed class OrderRecord
{
    public const string RejectedMessage = "Rejected in review: the order does not match the profile";
    public const string FailedMessage = "Fulfillment failed; contact support with the order id";
    public static readonly string[] Statuses = { "RECEIVED", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "REJECTED", "FAILED", "CANCELLED" };

    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string OrderType { get; init; }
    public string? Title { get; init; }
    public required Guid ProfileId { get; init; }
    public required int BriefingQuantity { get; init; }
    public required IReadOnlyList<string> Features { get; init; }
    public required IReadOnlyList<Guid> BlacklistIds { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>ENRICHMENT: the submitted companies, in submission order.</summary>
    public IReadOnlyList<OrderCompanyInput> Companies { get; init; } = Array.Empty<OrderCompanyInput>();
    /// <summary>DISCOVERY: the indexes of the delivered pool companies, in pool order.</summary>
    public IReadOnlyList<int> PoolIndexes { get; init; } = Array.Empty<int>();
    /// <summary>Set by the control plane: the status no longer follows the clock.</summary>
    public StatusSnapshot? Frozen { get; set; }

    public bool IsEnrichment => OrderType == "ENRICHMENT";

    public int ResultCount => IsEnrichment ? Companies.Count : PoolIndexes.Count;

    public StatusSnapshot StatusAt(DateTimeOffset now, OrderTiming timing)
    {
        if (Frozen is { } frozen) return frozen;
        var elapsed = now - CreatedAt;
        var title = Title ?? "";
        if (elapsed < timing.OrderAt(0.2)) return new("RECEIVED", null, CreatedAt);
        if (title.Contains("[reject]", StringComparison.OrdinalIgnoreCase))
            return new("REJECTED", RejectedMessage, CreatedAt + timing.OrderAt(0.2));
        if (elapsed < timing.OrderAt(0.4)) return new("ACCEPTED", null, CreatedAt + timing.OrderAt(0.2));
        if (title.Contains("[fail]", StringComparison.OrdinalIgnoreCase))
            return new("FAILED", FailedMessage, CreatedAt + timing.OrderAt(0.4));
        if (title.Contains("[cancel]", StringComparison.OrdinalIgnoreCase))
            return new("CANCELLED", null, CreatedAt + timing.OrderAt(0.4));
        if (elapsed < timing.OrderAt(1)) return new("IN_PROGRESS", null, CreatedAt + timing.OrderAt(0.4));
        return new("COMPLETED", null, CreatedAt + timing.OrderAt(1));
    }

    /// <summary>The message a frozen status gets when the control plane sends none.</summary>
    public static string? DefaultMessage(string status) => status switch
    {
        "REJECTED" => RejectedMessage,
        "FAILED" => FailedMessage,
        _ => null,
    };

    public object ToJson(DateTimeOffset now, OrderTiming timing)
    {
        var status = StatusAt(now, timing);
        return new
        {
            id = Id,
            order_type = OrderType,
            status = status.Status,
            title = Title,
            profile_id = ProfileId,
            briefing_quantity = BriefingQuantity,
            features = Features,
            blacklist_ids = BlacklistIds,
            message = status.Message,
            created_at = CreatedAt,
            updated_at = status.UpdatedAt,
        };
    }

    /// <summary>Result number <paramref name="index"/> (0-based) of a COMPLETED order; the same on every call.</summary>
    public object ResultJson(int index, DiscoveryPool pool)
    {
        if (!IsEnrichment)
        {
            var company = pool.Companies[PoolIndexes[index]];
            return Shape(company.Id, null, company.Name, company.Website, company.City, company.Country,
                pool.Details(company.DetailKey, company.Domain, company.BusinessType));
        }
        var input = Companies[index];
        var key = pool.KeyFor(Id, index);
        var domain = DiscoveryPool.DomainOf(input.WebsiteUrl) ?? DiscoveryPool.Slug(input.CompanyName) + ".example";
        return Shape(DiscoveryPool.IdFor(key, 0), input.ExternalId, input.CompanyName, input.WebsiteUrl, input.City, input.Country,
            pool.Details(key, domain, businessType: null));
    }

    private static object Shape(Guid id, string? sourceId, string name, string? website, string? city, string? country,
        OrderResultDetails details) => new
    {
        id,
        source_id = sourceId,
        name,
        website,
        city,
        country,
        business_type = details.BusinessType,
        match_score = details.MatchScore,
        review_status = "pending",
        technologies = details.Technologies,
        prospects = details.Prospects,
    };
}
