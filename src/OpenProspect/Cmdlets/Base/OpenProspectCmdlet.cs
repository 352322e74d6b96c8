using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Cmdlets.Input;
using OpenProspect.Cmdlets.Output;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Base;

/// <summary>
/// Base of every API cmdlet: resolves the session (-Session or the default), checks the declared scopes before
/// any request, turns API failures about one item into non-terminating errors and streams pages.
/// </summary>
public abstract partial class OpenProspectCmdlet : AsyncCmdlet
{
    private OpenProspectSession? _session;
    private OpenProspectClient? _client;

    /// <summary>The session to use, from Connect-OpenProspect -PassThru. Defaults to the current session.</summary>
    [Parameter]
    [ValidateNotNull]
    public OpenProspectSession? Session { get; set; }

    protected OpenProspectSession ActiveSession => _session ?? throw new InvalidOperationException("BeginProcessing has not run.");

    private protected OpenProspectClient Client => _client ?? throw new InvalidOperationException("BeginProcessing has not run.");

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _session = ResolveSession();
        if (_session is null) return;
        CheckScopes(_session);
        _client = new OpenProspectClient(_session.Transport, Log);
    }

    /// <summary>The session this cmdlet works with; throws "not connected" when there is none.</summary>
    protected virtual OpenProspectSession? ResolveSession()
    {
        if (Session is not null)
        {
            if (!Session.IsConnected)
                ThrowTerminatingError(ErrorRecords.NotConnected("The session given with -Session was closed by Disconnect-OpenProspect."));
            return Session;
        }
        var current = OpenProspectSession.Default;
        if (current is null)
            ThrowTerminatingError(ErrorRecords.NotConnected("Not connected to OpenProspect. Run Connect-OpenProspect first, or pass a session with -Session."));
        return current;
    }

    private void CheckScopes(OpenProspectSession session) =>
        RequireScopes(session, GetType().GetCustomAttribute<RequiresScopeAttribute>()?.Scopes);

    /// <summary>
    /// Fails before any request when the session's key is known to lack a scope. Cmdlets whose needs depend on
    /// their parameters call it again with the extra scopes.
    /// </summary>
    protected void RequireScopes(OpenProspectSession session, string[]? required)
    {
        if (required is null || required.Length == 0 || session.Scopes is null) return;
        var missing = Scopes.Missing(required, session.Scopes);
        if (missing.Length == 0) return;
        // Raised by the module, not the API: same ErrorId as the API's 403 so one handler serves both, but no
        // HTTP status pretends a request was made. TargetObject holds the missing scopes.
        ThrowTerminatingError(ErrorRecords.Create("AUTHORIZATION_ERROR", ErrorCategory.PermissionDenied,
            $"Missing required scopes: {string.Join(", ", missing)}. {MyInvocation.MyCommand.Name} needs {string.Join(" and ", required)}; the key ({session.KeyHint}) has {(session.Scopes.Length == 0 ? "no scopes" : string.Join(", ", session.Scopes))}. Nothing was sent.",
            missing,
            $"Use a key that has {string.Join(" and ", missing)} (Test-OpenProspectKey -RequiredScope shows what a key can do) or ask your OpenProspect admin to add them."));
    }

    /// <summary>
    /// Runs one API call about one item. On failure writes the error (401 stops the pipeline) and returns false,
    /// so the rest of the pipeline goes on.
    /// </summary>
    private protected bool TryCall<T>(Func<OpenProspectClient, CancellationToken, Task<T>> call, object? target, out T result)
    {
        try
        {
            result = Await(call(Client, StopToken));
            return true;
        }
        catch (OpenProspectApiException ex)
        {
            WriteApiError(ex, target);
            result = default!;
            return false;
        }
    }

    /// <summary>
    /// Creates one object with a request that is not safe to repeat. When its answer is lost (the transport says
    /// the outcome is unknown) nothing is sent again: the object is looked up with <paramref name="lookUp"/>; exactly
    /// one match is returned with a warning, anything else stops the command with <see cref="LostCreation.ErrorId"/>,
    /// saying it may or may not exist and how to check. Other failures are written as errors about this item.
    /// </summary>
    private protected bool TryCreate<T>(Func<OpenProspectClient, CancellationToken, Task<T>> create,
        Func<OpenProspectClient, DateTimeOffset, CancellationToken, Task<List<T>>> lookUp, LostCreation lost, object? target, out T created)
        where T : ApiObject
    {
        var started = DateTimeOffset.UtcNow;
        try
        {
            created = Await(create(Client, StopToken));
            return true;
        }
        catch (OpenProspectApiException ex) when (!ex.OutcomeUnknown)
        {
            WriteApiError(ex, target);
            created = default!;
            return false;
        }
        catch (OpenProspectApiException ex)
        {
            string reason = ex.StatusCode == 0 ? "the connection failed or timed out after the request was sent"
                : ex.Code == "INVALID_RESPONSE" ? $"the server answered {ex.StatusCode} but the answer could not be read"
                : $"the server answered {ex.StatusCode} {ex.ErrorId}";
            string outcome;
            try
            {
                WriteVerbose($"The answer to {ex.Method} {ex.Path} was lost ({reason}); looking for the {lost.What} among the newest ones.");
                var candidates = Await(lookUp(Client, started, StopToken));
                if (candidates.Count == 1)
                {
                    created = candidates[0];
                    WriteWarning($"The answer to {ex.Method} {ex.Path} was lost ({reason}). The {lost.What} was found and is returned: {created}. Nothing was sent twice.");
                    return true;
                }
                outcome = candidates.Count == 0
                    ? $"No matching {lost.Noun} created since {started - OpenProspectClient.ReconcileClockSlack:u} was found among the newest ones"
                    : $"{candidates.Count} matching {lost.Noun}s created since {started - OpenProspectClient.ReconcileClockSlack:u} were found ({string.Join(", ", candidates)}), so the module cannot tell which one is this";
            }
            catch (OpenProspectApiException lookupFailure)
            {
                outcome = $"Looking it up failed too ({lookupFailure.ErrorId}: {lookupFailure.Message.TrimEnd('.')})";
            }
            var check = lost.CheckCommand(started - OpenProspectClient.ReconcileClockSlack);
            ThrowTerminatingError(ErrorRecords.Create(lost.ErrorId, ErrorCategory.OperationStopped,
                $"The {lost.What} may or may not have been created: the answer to {ex.Method} {ex.Path} was lost ({reason}), and the module does not send it again because the API does not document that a repeat is safe. {outcome}. Check before you create it again: {check}",
                target,
                $"Run {check} . If it shows the {lost.Noun}, use it; if not, create it again.", ex));
            created = default!;
            return false;
        }
    }

    /// <summary>What <see cref="TryCreate{T}"/> says about an object whose creation answer was lost.</summary>
    protected sealed class LostCreation
    {
        public LostCreation(string errorId, string noun, string what, Func<DateTimeOffset, string> checkCommand)
        {
            ErrorId = errorId;
            Noun = noun;
            What = what;
            CheckCommand = checkCommand;
        }

        public string ErrorId { get; }

        /// <summary>The kind of object, e.g. "order".</summary>
        public string Noun { get; }

        /// <summary>The object as the user knows it, e.g. "order 'Q1 hotels'".</summary>
        public string What { get; }

        /// <summary>The PowerShell command that lists the candidates created since the given time.</summary>
        public Func<DateTimeOffset, string> CheckCommand { get; }
    }

    /// <summary>A string as a single-quoted PowerShell literal, for commands shown to the user.</summary>
    internal static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>Gets each id with <paramref name="get"/> and writes what it finds; a missing one is an error about that id alone.</summary>
    private protected void WriteEach<T>(IEnumerable<string> ids, Func<OpenProspectClient, string, CancellationToken, Task<T>> get) where T : notnull
    {
        foreach (var id in ids)
            if (TryCall((c, ct) => get(c, id, ct), id, out var item)) WriteItem(item);
    }

    /// <summary>
    /// Reads the companies of the current record and hands each to <paramref name="take"/> with the row (the
    /// TargetObject of errors about it) and its number: the pipeline row, or with -Path every row of the file, by
    /// file line. A row that identifies no company is written as an error about that row and handed on as null (the
    /// others go on); a normalisation is noted on -Verbose; an input that is unusable as a whole ends the command.
    /// </summary>
    /// <remarks>For file rows the row handed on is a <c>Func&lt;PSObject&gt;</c> that builds the row object when a caller
    /// reports it (see <see cref="RowObject"/>), so rows that go through cost no PSObject.</remarks>
    private protected void ReadCompanies(CompanyInput input, Action<CompanyBody?, object, long> take)
    {
        if (input.Path is null)
        {
            var errors = new List<ErrorRecord>();
            var company = input.Read(out var row, errors, out var note, out var stop);
            if (stop is not null) ThrowTerminatingError(stop);
            foreach (var error in errors) WriteError(error);
            if (note is not null) WriteVerbose(note);
            take(company, row, input.RowNumber);
            return;
        }
        if (input.HasInput)
            ThrowTerminatingError(ErrorRecords.Create("PathWithOtherInput", ErrorCategory.InvalidArgument,
                "-Path reads the companies from a file; pipeline rows and company parameters cannot be added to it. Give either -Path or rows/company parameters. Nothing was sent.", input.InputObject));

        var path = GetUnresolvedProviderPathFromPSPath(input.Path);
        if (!File.Exists(path))
            ThrowTerminatingError(ErrorRecords.Create("CsvFileNotFound", ErrorCategory.ObjectNotFound, $"The file '{path}' does not exist. Nothing was sent.", input.Path));
        var name = System.IO.Path.GetFileName(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.SequentialScan);
        using var reader = CsvRecordReader.Open(stream, input.ChosenEncoding, input.ChosenDelimiter, out var header, out var encoding);
        string delimiter = reader.Delimiter == '\t' ? "tab" : $"'{reader.Delimiter}'";
        var map = CompanyInput.MapHeader(header);
        if (header.Length == 0)
        {
            WriteWarning($"No rows received: the file '{path}' is empty. Nothing was sent.");
            return;
        }
        if (map[0] < 0 && map[1] < 0 && map[2] < 0)
            ThrowTerminatingError(ErrorRecords.Create("CsvNoCompanyColumns", ErrorCategory.InvalidData,
                $"The header (line 1) of '{name}', read with delimiter {delimiter}, has no column for a company name, website or external id; the columns seen are {string.Join(", ", header.Select(h => "'" + h + "'"))}. Nothing was sent. "
                + "Rename a column to CompanyName, WebsiteUrl or ExternalId (or an alias such as Account Name, Website, Domain, Record ID), or give the right -Delimiter.",
                header, "Fix the header line or give -Delimiter."));
        WriteVerbose($"Reading '{path}' as {encoding.WebName}, delimiter {delimiter}; columns used: "
            + string.Join(", ", map.Select((column, field) => column < 0 ? null : $"'{header[column]}' as {CompanyInput.FieldNames[field]}").Where(x => x is not null)) + ".");

        long rows = 0;
        while (reader.TryRead(out var record))
        {
            if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
            rows++;
            var values = new string?[map.Length];
            for (int f = 0; f < map.Length; f++) values[f] = map[f] >= 0 && map[f] < record.Fields.Length ? record.Fields[map[f]] : null;
            long line = record.Line;
            Func<PSObject> row = () => CompanyInput.FileRow(values, line);
            CompanyBody? company = null;
            if (record.Problem is not null)
                WriteError(ErrorRecords.Create("CsvRowMalformed", ErrorCategory.InvalidData, $"Line {line} of '{name}' {CompanyInput.LineConvention}: {record.Problem}.", row(),
                    "Close the quote (a quote inside a quoted field is written twice: \"\") and read the file again."));
            else
            {
                company = CompanyRow.Normalize(values[0], values[1], values[2], values[3], values[4], out _, out var changes);
                if (company is null)
                {
                    // Rare: the row is reported, so only now does it get its row object and its message.
                    input.ReadValues(values[0], values[1], values[2], values[3], values[4], row(), $"Line {line} of '{name}'", CompanyInput.LineConvention, out var error, out _, out _);
                    WriteError(error!);
                }
                else if (input.Note($"Line {line} of '{name}'", changes) is { } note) WriteVerbose(note);
            }
            take(company, row, line);
        }
        if (rows == 0) WriteWarning($"No rows received: '{path}' has a header line but no rows. Nothing was sent.");
    }

    /// <summary>The row object of a row from <see cref="ReadCompanies"/>: file rows are built on first use.</summary>
    private protected static object RowObject(object row) => row is Func<PSObject> build ? build() : row;

    /// <summary>
    /// Ends reading companies: writes the errors still held for the first rows, says how many more rows were
    /// normalised than -Verbose showed, and warns when a pipeline brought no rows at all.
    /// </summary>
    private protected void FinishCompanies(CompanyInput input, bool warnWhenEmpty)
    {
        var held = new List<ErrorRecord>();
        input.Release(held);
        foreach (var error in held) WriteError(error);
        if (input.NotesNotShown > 0) WriteVerbose($"{input.NotesNotShown} more rows were normalised the same way.");
        if (warnWhenEmpty && input.Path is null && input.RowNumber == 0)
            WriteWarning("No rows received: the pipeline brought no rows (an empty file or a filter that matched nothing?). Nothing was sent.");
    }

    /// <summary>
    /// Writes one object to the pipeline (the fields the server sent beyond the model show through ApiObjectAdapter).
    /// The one override point for how a cmdlet's items leave it (flat prospect rows, a file instead of the pipeline).
    /// </summary>
    private protected virtual void WriteItem(object item) => WriteObject(PSOutput.Shape(item));

    /// <summary>
    /// Streams a list to the pipeline page by page (docs/architecture.md, "Paging"): -Skip becomes the first offset, -First stops
    /// requesting pages once it has enough, -IncludeTotalCount writes the total first, and page n+1 is fetched
    /// while page n is written. A failure mid-listing is written as an error naming how far the listing got;
    /// what was written stays written. Returns false when the listing did not finish.
    /// </summary>
    /// <param name="filter">decides, once per item and in order, whether it is written (it may keep its own set of
    /// ids already written); with a filter, -Skip and -First count written items</param>
    /// <param name="received">sees every item of every page as it arrives, written or not (bookkeeping such as
    /// a sync's watermark belongs here, not in the filter)</param>
    /// <param name="progress">the activity of a progress bar showing the items so far (of the total when the API
    /// gives one), for listings that can be long; asked only when progress is shown (it may read a name); null shows none</param>
    private protected bool WritePages<T>(Func<long, int, CancellationToken, Task<ListEnvelope<T>>> fetchPage, int pageSize, object? target,
        Func<T, bool>? filter = null, Action<T>? received = null, Func<string>? progress = null)
    {
        var bar = progress is not null && ShowsProgress ? new ListingProgress(this, progress()) : null;
        try
        {
            return WritePagesCore(fetchPage, pageSize, target, filter, received, bar);
        }
        finally
        {
            bar?.Done();
        }
    }

    private bool WritePagesCore<T>(Func<long, int, CancellationToken, Task<ListEnvelope<T>>> fetchPage, int pageSize, object? target,
        Func<T, bool>? filter, Action<T>? received, ListingProgress? bar)
    {
        var paging = PagingParameters;   // null unless the cmdlet declares SupportsPaging
        ulong first = paging?.First ?? ulong.MaxValue;
        // With a filter, -Skip counts matching items, so it cannot become the API offset.
        ulong skipMatches = filter is null ? 0 : paging?.Skip ?? 0;
        long offset = filter is null ? (long)Math.Min(paging?.Skip ?? 0, long.MaxValue) : 0;
        bool wantTotal = paging?.IncludeTotalCount == true;
        // With a filter, -First counts items that pass it, so pages cannot be cut to size.
        int LimitFor(ulong remaining) => filter is null ? (int)Math.Min((ulong)pageSize, Math.Max(1UL, remaining)) : pageSize;
        if (first == 0 && !wantTotal) return true;

        using var listing = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
        ulong written = 0;
        int limit = LimitFor(first);
        var pending = fetchPage(offset, limit, listing.Token);
        try
        {
            while (pending is not null)
            {
                ListEnvelope<T> page;
                try
                {
                    page = Await(pending);
                }
                catch (OpenProspectApiException ex)
                {
                    WriteApiError(ex, target, written > 0 || offset > 0
                        ? $"{Sentence(ex.Message)} The listing stopped at offset {offset}, after {written} item(s) were written."
                        : null);
                    return false;
                }

                if (wantTotal)
                {
                    // With a filter the server's total counts unfiltered items: an upper bound, so accuracy 0.
                    WriteObject(PagingParameters.NewTotalCount(page.Total is long t ? (ulong)Math.Max(0, t) : 0, page.Total is null || filter is not null ? 0.0 : 1.0));
                    wantTotal = false;
                    if (first == 0) return true;
                }

                var rows = page.Rows;
                bar?.Received(rows.Count, page.Total);
                var next = Paging.NextOffset(page, offset, limit);
                ulong passing = filter is null ? (ulong)rows.Count : 0;
                pending = null;
                if (next is long n && (filter is not null || written + passing < first))
                {
                    limit = LimitFor(first - Math.Min(first, written + passing));
                    pending = fetchPage(n, limit, listing.Token);   // overlaps the network with writing this page
                }

                foreach (var row in rows)
                {
                    received?.Invoke(row);
                    if (filter is not null && !filter(row)) continue;
                    if (skipMatches > 0) { skipMatches--; continue; }
                    if (written >= first) return true;
                    WriteItem(row!);
                    written++;
                }
                if (written >= first) return true;
                offset = next ?? offset;
            }
            return true;
        }
        finally
        {
            listing.Cancel();   // a prefetch nobody will read must not keep running
        }
    }

    /// <summary>Ends a message with a full stop, so another sentence can follow it.</summary>
    internal static string Sentence(string message) =>
        message.Length > 0 && ".!?)".IndexOf(message[message.Length - 1]) >= 0 ? message : message + ".";
}
