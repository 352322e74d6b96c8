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

    private protected abstract string Kind { get; }

    private protected abstract Task<List<(string Id, string Name, string Detail)>> LoadAsync(OpenProspectClient client, CancellationToken ct);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return Items()
            .Where(i => i.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || i.Name.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0)
            .Select(i => new CompletionResult(i.Id, i.Name, CompletionResultType.ParameterValue, $"{i.Name} ({i.Detail}) {i.Id}"));
    }

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

/// <summary>Completes -BlacklistId with the organization's blacklists.</summary>
internal sealed class BlacklistIdCompleter : ServerIdCompleter
{
    private protected override string Kind => "blacklists";

    private protected override async Task<List<(string Id, string Name, string Detail)>> LoadAsync(OpenProspectClient client, CancellationToken ct)
    {
        var page = await client.ListBlacklistsAsync(0, Paging.MaxPageSize, ct).ConfigureAwait(false);
        return page.Rows.Select(b => (b.Id, b.Name, $"{b.EntryCount} entries")).ToList();
    }
}

/// <summary>Completes -ProspectSearchId with the organization's prospect searches.</summary>
internal sealed class ProspectSearchIdCompleter : ServerIdCompleter
{
    private protected override string Kind => "prospect-searches";

    private protected override async Task<List<(string Id, string Name, string Detail)>> LoadAsync(OpenProspectClient client, CancellationToken ct)
    {
        var page = await client.ListProspectSearchesAsync(0, Paging.MaxPageSize, ct).ConfigureAwait(false);
        return page.Rows.Select(p => (p.Id, p.Name, p.Status ?? "")).ToList();
    }
}
