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
        _searches ??= Listing(Scopes.ProspectSearchesRead, "-ProspectSearchName", c => c.ListAllProspectSearchesAsync(StopToken));
        foreach (var s in _searches) _known[s.Id] = $"'{s.Name}'";
        return OneByName(_searches, name, s => s.Name, s => s.Id, "prospect search", "ProspectSearch", "Get-OPProspectSearch").Id;
    }

    /// <summary>The organization's blacklists, read once per command.</summary>
    private protected List<Blacklist> Blacklists()
    {
        if (_blacklists is null)
        {
            _blacklists = Listing(Scopes.BlacklistsRead, "-BlacklistName", c => c.ListAllBlacklistsAsync(StopToken));
            foreach (var b in _blacklists) Remember(b);
        }
        return _blacklists;
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
