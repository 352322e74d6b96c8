using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;

namespace OpenProspect.Cmdlets.Completion;

/// <summary>
/// Completes ids from the server: the list shows names, the id is what gets inserted. Tab completion must never
/// hang or print errors, so it uses the default session only, gives up after two seconds, says nothing on any
/// failure, and keeps answers for a minute so repeated tabs are instant.
/// </summary>
internal abstract class ServerIdCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private static readonly ConcurrentDictionary<string, (DateTime At, List<(string Id, string Name, string Detail)> Items)> Cache = new();

    /// <summary>The listing the completer reads; completers of the same listing share one cached answer.</summary>
    private protected abstract string Kind { get; }

    /// <summary>True for name parameters: the name is inserted (quoted, wildcards escaped) instead of the id.</summary>
    private protected virtual bool InsertsName => false;

    private protected abstract Task<List<(string Id, string Name, string Detail)>> LoadAsync(OpenProspectClient client, CancellationToken ct);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return Items()
            .Where(i => i.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || i.Name.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0)
            .Select(i => new CompletionResult(InsertsName ? NameText(i.Name) : i.Id, i.Name, CompletionResultType.ParameterValue, $"{i.Name} ({i.Detail}) {i.Id}"));
    }

    /// <summary>A name as a single-quoted literal that matches only itself in a parameter that takes wildcards.</summary>
    private static string NameText(string name) => "'" + WildcardPattern.Escape(name).Replace("'", "''") + "'";

    private List<(string Id, string Name, string Detail)> Items()
    {
        var session = OpenProspectSession.Default;
        if (session is null) return new();
        var key = Kind + "|" + session.BaseUri + "|" + session.KeyHint + "|" + session.ConnectedAt.Ticks;
        if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.At < CacheFor) return hit.Items;
        try
        {
            using var cts = new CancellationTokenSource();
            var task = LoadAsync(new OpenProspectClient(session.Transport), cts.Token);
            if (!task.Wait(Timeout))
            {
                // Cancel, not abandon: a request left running would go on retrying in the background.
                cts.Cancel();
                return new();
            }
            Cache[key] = (DateTime.UtcNow, task.Result);
            return task.Result;
        }
        catch (Exception)
        {
            return new();   // completion stays silent: no connection, no scope, a slow server
        }
    }
}

/// <summary>Completes -BlacklistId and the -Id of blacklists with the organization's blacklists.</summary>
internal class BlacklistIdCompleter : ServerIdCompleter
{
    private protected override string Kind => "blacklists";

    private protected override async Task<List<(string Id, string Name, string Detail)>> LoadAsync(OpenProspectClient client, CancellationToken ct)
    {
        var page = await client.ListBlacklistsAsync(0, Paging.MaxPageSize, ct).ConfigureAwait(false);
        return page.Rows.Select(b => (b.Id, b.Name, $"{b.EntryCount} entries")).ToList();
    }
}

/// <summary>Completes -BlacklistName and the -Name of Get-OPBlacklist: the same listing, the name inserted.</summary>
internal sealed class BlacklistNameCompleter : BlacklistIdCompleter
{
    private protected override bool InsertsName => true;
}

/// <summary>Completes -ProspectSearchId and the -Id of prospect searches with the organization's prospect searches.</summary>
internal class ProspectSearchIdCompleter : ServerIdCompleter
{
    private protected override string Kind => "prospect-searches";

    private protected override async Task<List<(string Id, string Name, string Detail)>> LoadAsync(OpenProspectClient client, CancellationToken ct)
    {
        var page = await client.ListProspectSearchesAsync(0, Paging.MaxPageSize, ct).ConfigureAwait(false);
        return page.Rows.Select(p => (p.Id, p.Name, p.Status ?? "")).ToList();
    }
}

/// <summary>Completes -ProspectSearchName: the same listing, the name inserted.</summary>
internal sealed class ProspectSearchNameCompleter : ProspectSearchIdCompleter
{
    private protected override bool InsertsName => true;
}

/// <summary>Completes -OrderId and the -Id of orders with the newest orders, their titles as list text.</summary>
internal sealed class OrderIdCompleter : ServerIdCompleter
{
    private protected override string Kind => "orders";

    private protected override async Task<List<(string Id, string Name, string Detail)>> LoadAsync(OpenProspectClient client, CancellationToken ct)
    {
        var page = await client.ListOrdersAsync(0, Paging.MaxPageSize, ct).ConfigureAwait(false);
        return page.Rows.Select(o => (o.Id, string.IsNullOrEmpty(o.Title) ? $"{o.OrderType} order {o.CreatedAt:yyyy-MM-dd HH:mm}" : o.Title!, $"{o.OrderType} {o.Status}")).ToList();
    }
}
