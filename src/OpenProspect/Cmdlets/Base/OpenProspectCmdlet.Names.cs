using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Base;

/// <summary>
/// Names users can use: -BlacklistName and -ProspectSearchName resolve to ids here, once per command, from one
/// listing each; what a listing taught about an object (its name, its size) names it in prompts and progress.
/// </summary>
public abstract partial class OpenProspectCmdlet
{
    private List<Blacklist>? _blacklists;
    private List<ProspectSearch>? _searches;
    private readonly Dictionary<string, string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _namesTried = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The id of the one blacklist named <paramref name="name"/> (exact, or one wildcard match); ends the command otherwise.</summary>
    private protected string BlacklistIdByName(string name)
    {
        var blacklist = OneByName(Blacklists(), name, b => b.Name, b => b.Id, "blacklist", "Blacklist", "Get-OPBlacklist");
        return blacklist.Id;
    }

    /// <summary>
    /// For a cmdlet whose parameter sets leave no room for an id/name pair: the id given, or the id of the blacklist
    /// named; exactly one of the two must be given.
    /// </summary>
    private protected string BlacklistIdFrom(string? id, string? name)
    {
        bool hasId = !string.IsNullOrEmpty(id);
        if (hasId == (name is not null))
            ThrowTerminatingError(ErrorRecords.Create("BlacklistNotGiven", ErrorCategory.InvalidArgument,
                hasId ? "Give -BlacklistId or -BlacklistName, not both. Nothing was sent." : "Give the blacklist with -BlacklistId or -BlacklistName. Nothing was sent.",
                name ?? id, "Get-OPBlacklist lists the blacklists with their names and ids."));
        return name is null ? id! : BlacklistIdByName(name);
    }

    /// <summary>The id of the one prospect search named <paramref name="name"/> (exact, or one wildcard match); ends the command otherwise.</summary>
    private protected string ProspectSearchIdByName(string name)
    {
        if (_searches is null) UseSearches(Listing(Scopes.ProspectSearchesRead, "-ProspectSearchName", c => c.ListAllProspectSearchesAsync(StopToken)));
        return OneByName(_searches!, name, s => s.Name, s => s.Id, "prospect search", "ProspectSearch", "Get-OPProspectSearch").Id;
    }

    /// <summary>The ids of the prospect searches named (each exact, or one wildcard match), in order, without repeats.</summary>
    private protected List<string> ProspectSearchIdsByName(IEnumerable<string> names) =>
        names.Select(ProspectSearchIdByName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The ids of the blacklists named (each exact, or one wildcard match), in order, without repeats.</summary>
    private protected List<string> BlacklistIdsByName(IEnumerable<string> names) =>
        names.Select(BlacklistIdByName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// "prospect search 'DACH SaaS buyers' 550e…" for prompts and progress. A search given by id is named from one
    /// listing of the searches when the key may read them; without that scope, or when the listing fails, it is
    /// named by its id (a verbose line says why): a name is a courtesy, never a reason to stop.
    /// </summary>
    private protected string NamedSearch(string id)
    {
        if (!_known.ContainsKey(id) && _searches is null && FirstTry("prospect search", Scopes.ProspectSearchesRead)
            && BestEffort("prospect search", c => c.ListAllProspectSearchesAsync(StopToken)) is { } searches)
            UseSearches(searches);
        return Named("prospect search", id);
    }

    /// <summary>"blacklist 'Customers' (1,200 entries) 7f3e…", learned as <see cref="NamedSearch"/> learns search names.</summary>
    private protected string NamedBlacklist(string id)
    {
        if (!_known.ContainsKey(id) && _blacklists is null && FirstTry("blacklist", Scopes.BlacklistsRead)
            && BestEffort("blacklist", c => c.ListAllBlacklistsAsync(StopToken)) is { } blacklists)
            UseBlacklists(blacklists);
        return Named("blacklist", id);
    }

    /// <summary>"order 'Q3 DACH enrichment' 4b1c…" when the order can be read, else "order 4b1c…".</summary>
    private protected string NamedOrder(string id)
    {
        if (!_known.ContainsKey(id) && FirstTry("order " + id, Scopes.OrdersRead)
            && BestEffort("order", c => c.GetOrderAsync(id, StopToken)) is { Title: { Length: > 0 } title })
            _known[id] = $"'{title}'";
        return Named("order", id);
    }

    /// <summary>
    /// ShouldProcess about one object ("prospect search", "blacklist" or "order"), named with a read when -WhatIf or a
    /// confirmation prompt will show it (<see cref="NamedSearch"/> and its siblings); otherwise no read is spent on a name.
    /// </summary>
    private protected bool ShouldChange(string noun, string id, string action) => ShouldProcess(NamedForChange(noun, id), action);

    /// <summary>The object as <see cref="ShouldChange"/> names it, for a warning written just before it.</summary>
    private protected string NamedForChange(string noun, string id) => !ProcessMessageShown() ? Named(noun, id) : noun switch
    {
        "prospect search" => NamedSearch(id),
        "blacklist" => NamedBlacklist(id),
        "order" => NamedOrder(id),
        _ => Named(noun, id),
    };

    /// <summary>Whether ShouldProcess will print or ask: -WhatIf, -Confirm, or $ConfirmPreference at or below this cmdlet's impact.</summary>
    private bool ProcessMessageShown()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.TryGetValue("WhatIf", out var whatIf)) { if (LanguagePrimitives.IsTrue(whatIf)) return true; }
        else if (LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"))) return true;
        if (bound.TryGetValue("Confirm", out var confirm)) return LanguagePrimitives.IsTrue(confirm);
        var impact = GetType().GetCustomAttributes(typeof(CmdletAttribute), true).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;
        return LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact preference)
            && preference != ConfirmImpact.None && impact >= preference;
    }

    /// <summary>
    /// True the first time a command asks to read <paramref name="what"/>'s name, unless the session knows its scopes
    /// and <paramref name="scope"/> is not among them; a read that failed is not tried again.
    /// </summary>
    private bool FirstTry(string what, string scope) =>
        _namesTried.Add(what) && (ActiveSession.Scopes is not { } scopes || scopes.Contains(scope, StringComparer.OrdinalIgnoreCase));

    private T? BestEffort<T>(string noun, Func<OpenProspectClient, Task<T>> read) where T : class
    {
        try
        {
            return Await(read(Client));
        }
        catch (OpenProspectApiException ex)
        {
            WriteVerbose($"The {noun}'s name could not be read ({ex.ErrorId}); it is shown by its id.");
            return null;
        }
    }

    /// <summary>The organization's blacklists, read once per command.</summary>
    private protected List<Blacklist> Blacklists()
    {
        if (_blacklists is null) UseBlacklists(Listing(Scopes.BlacklistsRead, "-BlacklistName", c => c.ListAllBlacklistsAsync(StopToken)));
        return _blacklists!;
    }

    /// <summary>Keeps a listing of the blacklists for this command and learns their names, whichever way it was read.</summary>
    private void UseBlacklists(List<Blacklist> blacklists)
    {
        _blacklists = blacklists;
        foreach (var b in blacklists) Remember(b);
    }

    /// <summary>Keeps a listing of the prospect searches for this command and learns their names.</summary>
    private void UseSearches(List<ProspectSearch> searches)
    {
        _searches = searches;
        foreach (var s in searches) _known[s.Id] = $"'{s.Name}'";
    }

    /// <summary>Remembers how to name a blacklist in prompts and progress.</summary>
    private protected void Remember(Blacklist blacklist) =>
        _known[blacklist.Id] = $"'{blacklist.Name}' ({blacklist.EntryCount:N0} entr{(blacklist.EntryCount == 1 ? "y" : "ies")})";

    /// <summary>
    /// An object as prompts and progress show it: "blacklist 'Customers' (1,200 entries) 7f3e…" when this command
    /// has learned its name without an extra request, else "blacklist 7f3e…".
    /// </summary>
    private protected string Named(string noun, string id) => _known.TryGetValue(id, out var name) ? $"{noun} {name} {id}" : $"{noun} {id}";

    private List<T> Listing<T>(string scope, string parameter, Func<OpenProspectClient, Task<List<T>>> list)
    {
        RequireScopes(ActiveSession, new[] { scope });
        try
        {
            return Await(list(Client));
        }
        catch (OpenProspectApiException ex)
        {
            ThrowTerminatingError(ErrorRecords.FromApi(ex, parameter,
                $"{parameter} is resolved from the list of names, and listing them failed: {Sentence(ex.Message)} Nothing was changed."));
            throw;   // not reached: ThrowTerminatingError throws
        }
    }

    private T OneByName<T>(List<T> items, string name, Func<T, string> nameOf, Func<T, string> idOf, string noun, string idPrefix, string listCommand)
    {
        List<T> matches;
        if (WildcardPattern.ContainsWildcardCharacters(name))
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            matches = items.Where(i => pattern.IsMatch(nameOf(i))).ToList();
        }
        else
        {
            matches = items.Where(i => string.Equals(nameOf(i), name, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0) matches = items.Where(i => string.Equals(nameOf(i), name, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        if (matches.Count == 1) return matches[0];
        if (matches.Count == 0)
            ThrowTerminatingError(ErrorRecords.Create($"{idPrefix}NameNotFound", ErrorCategory.ObjectNotFound,
                $"No {noun} is named '{name}' (of {items.Count} {noun}{(items.Count == 1 ? "" : "s")}). Nothing was sent.", name,
                $"{listCommand} lists them; a wildcard such as 'Cust*' matches part of a name."));
        ThrowTerminatingError(ErrorRecords.Create($"{idPrefix}NameAmbiguous", ErrorCategory.InvalidArgument,
            $"{matches.Count} {noun}s match '{name}': {string.Join(", ", matches.Take(20).Select(m => $"'{nameOf(m)}' ({idOf(m)})"))}{(matches.Count > 20 ? ", ..." : "")}. Nothing was sent.",
            matches.Select(idOf).ToArray(),
            $"Give a name that matches exactly one {noun}, or its id with -{idPrefix}Id."));
        return default!;
    }
}
