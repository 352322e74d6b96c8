using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenProspect.Session;

/// <summary>The scopes the API knows and the presets that bundle them for common jobs.</summary>
internal static class Scopes
{
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string CompaniesRead = "companies:read";
    public const string ProspectsRead = "prospects:read";
    public const string ProspectSearchesRead = "prospect_searches:read";
    public const string ProspectSearchesWrite = "prospect_searches:write";
    public const string BlacklistsRead = "blacklists:read";
    public const string BlacklistsWrite = "blacklists:write";

    /// <summary>The seven scopes of the current authentication page's scope table.</summary>
    public static readonly string[] All =
    {
        OrdersWrite, OrdersRead, CompaniesRead, ProspectsRead, ProspectSearchesRead, BlacklistsRead, BlacklistsWrite,
    };

    /// <summary>
    /// Presets by job. The first four are the current authentication page's presets, scope for scope. Orders,
    /// ReadOnly and FullAccess are the dashboard presets the previous docs generation names without listing their
    /// scopes; their lists here are read off the current scope table.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Presets = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["EnrichmentOrders"] = new[] { OrdersWrite, OrdersRead, CompaniesRead, ProspectsRead },
        ["DiscoveryOrders"] = new[] { OrdersWrite, OrdersRead, CompaniesRead, ProspectsRead, BlacklistsRead, BlacklistsWrite },
        ["CrmSync"] = new[] { CompaniesRead, ProspectsRead },
        ["BlacklistManagement"] = new[] { BlacklistsRead, BlacklistsWrite },
        ["Orders"] = new[] { OrdersWrite, OrdersRead },
        ["ReadOnly"] = All.Where(s => s.EndsWith(":read", StringComparison.Ordinal)).ToArray(),
        ["FullAccess"] = All,
    };

    public static string[] Missing(IEnumerable<string> required, IEnumerable<string> granted)
    {
        var have = new HashSet<string>(granted, StringComparer.OrdinalIgnoreCase);
        return required.Where(r => !have.Contains(r)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
