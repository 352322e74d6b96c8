using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenProspect.Session;

/// <summary>The scopes the API knows and the presets that bundle them for common jobs.</summary>
public static class Scopes
{
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string CompaniesRead = "companies:read";
    public const string ProspectsRead = "prospects:read";
    public const string ProspectSearchesRead = "prospect_searches:read";
    public const string ProspectSearchesWrite = "prospect_searches:write";
    public const string BlacklistsRead = "blacklists:read";
    public const string BlacklistsWrite = "blacklists:write";

    public static readonly string[] All =
    {
        OrdersRead, OrdersWrite, ProspectSearchesRead, ProspectSearchesWrite, CompaniesRead, ProspectsRead, BlacklistsRead, BlacklistsWrite,
    };

    /// <summary>
    /// Presets by job. Orders, ReadOnly and FullAccess are the dashboard's presets; the others are the scope sets
    /// the guides name for each integration (discovery partners, CRM pull sync, blacklist upkeep).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Presets = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["EnrichmentOrders"] = new[] { OrdersRead, OrdersWrite },
        ["DiscoveryOrders"] = new[] { OrdersRead, OrdersWrite, BlacklistsRead, BlacklistsWrite },
        ["CrmSync"] = new[] { ProspectSearchesRead, CompaniesRead, ProspectsRead },
        ["BlacklistManagement"] = new[] { BlacklistsRead, BlacklistsWrite },
        ["Orders"] = new[] { OrdersRead, OrdersWrite },
        ["ReadOnly"] = All.Where(s => s.EndsWith(":read", StringComparison.Ordinal)).ToArray(),
        ["FullAccess"] = All,
    };

    /// <summary>The names accepted by -Preset, for ValidateSet and completion.</summary>
    public const string PresetNames = "EnrichmentOrders,DiscoveryOrders,CrmSync,BlacklistManagement,Orders,ReadOnly,FullAccess";

    public static string[] Missing(IEnumerable<string> required, IEnumerable<string> granted)
    {
        var have = new HashSet<string>(granted, StringComparer.OrdinalIgnoreCase);
        return required.Where(r => !have.Contains(r)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
