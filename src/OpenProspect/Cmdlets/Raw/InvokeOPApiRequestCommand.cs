using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Errors;

namespace OpenProspect.Cmdlets.Raw;

/// <summary>
/// Calls any endpoint of the API with the session: its key, timeout, retries, redacted logging and error records.
/// For endpoints no cmdlet covers yet, and for working around a difference between the API and the module.
/// </summary>
/// <remarks>
/// Declared ConfirmImpact High because a DELETE is; POST, PUT and PATCH are treated as Medium (they ask only when
/// $ConfirmPreference is Medium or lower, or with -Confirm), and a GET never asks.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "OPApiRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = RequestSet)]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeOPApiRequestCommand : OpenProspectCmdlet
{
    private const string RequestSet = "Request";
    private const string AllSet = "All";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateNotNull]
    public IDictionary? Query { get; set; }

    [Parameter(ParameterSetName = RequestSet)]
    [ValidateNotNull]
    public object? Body { get; set; }

    [Parameter(ParameterSetName = RequestSet)]
    [ValidateNotNullOrEmpty]
    public string? IdempotencyKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    [Parameter(ParameterSetName = AllSet)]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    [Parameter(ParameterSetName = RequestSet)]
    public SwitchParameter Raw { get; set; }

    private HttpMethod HttpMethod => new(Method.ToUpperInvariant());

    protected override void ProcessRecord()
    {
        var request = BuildRequest();
        if (request is null) return;
        if (All)
        {
            WriteAllPages(request);
            return;
        }
        if (!ShouldSend(request)) return;
        if (Raw)
        {
            if (TryCall((c, ct) => c.SendRawAsync(request, ct), Path, out var response) && response.Body.Length > 0)
                WriteObject(Encoding.UTF8.GetString(response.Body));
            return;
        }
        if (!TryCall((c, ct) => c.SendRawJsonAsync(request, ct), Path, out var answer) || answer.Root is not { } root) return;
        // An array is enumerated to the pipeline, as Invoke-RestMethod does; arrays inside objects stay arrays.
        if (root.ValueKind == JsonValueKind.Array)
            foreach (var item in root.EnumerateArray()) WriteObject(RawJson.ToPSObject(item));
        else if (root.ValueKind != JsonValueKind.Null)
            WriteObject(RawJson.ToPSObject(root));
    }

    /// <summary>Everything that can be refused is refused here, before any request (the key never leaves on a bad path).</summary>
    private ApiRequest? BuildRequest()
    {
        var method = HttpMethod;
        if (All && method != HttpMethod.Get)
            return Refuse("AllNeedsGet", "-All reads a list page by page and works with GET only.");
        if (Body is not null && method == HttpMethod.Get)
            return Refuse("BodyWithGet", "A GET request carries no body; send the filters with -Query, or use POST, PUT or PATCH.");
        if (IdempotencyKey is not null && IdempotencyKey.Any(char.IsControl))
            return Refuse("InvalidIdempotencyKey", "-IdempotencyKey contains a control character, which an HTTP header cannot carry.");

        ApiRequest request;
        try
        {
            request = OpenProspectClient.BuildRawRequest(ActiveSession.BaseUri, method, Path, QueryPairs());
            if (All && request.Query.Any(p => p.Key is "limit" or "offset"))
                return Refuse("PagingParameterWithAll", "-All sets limit and offset itself; remove them from -Path and -Query, and use -PageSize for the page size.");
            if (Body is not null) request.Body = RawJson.ToBody(Body);
        }
        catch (RawPathException ex)
        {
            return Refuse(ex.ErrorId, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Refuse("InvalidBody", ex.Message);
        }
        if (method == HttpMethod.Post || IdempotencyKey is not null)
            request.IdempotencyKey = IdempotencyKey ?? OpenProspectClient.NewIdempotencyKey();
        return request;
    }

    private ApiRequest? Refuse(string errorId, string message)
    {
        ThrowTerminatingError(ErrorRecords.Create(errorId, ErrorCategory.InvalidArgument, message, Path));
        return null;
    }

    private List<KeyValuePair<string, string>> QueryPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (Query is null) return pairs;
        foreach (DictionaryEntry entry in Query)
        {
            var name = RawJson.QueryText(entry.Key);
            var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
            if (value is null) continue;
            // A list becomes the repeated key (review_status_list=a&review_status_list=b), as the API reads arrays.
            var values = value is IEnumerable list and not string ? list.Cast<object?>().Where(v => v is not null) : new[] { value };
            foreach (var v in values) pairs.Add(new KeyValuePair<string, string>(name, RawJson.QueryText(v!)));
        }
        return pairs;
    }

    /// <summary>
    /// A GET never asks. DELETE goes through ShouldProcess at the declared High impact; POST, PUT and PATCH ask only
    /// where a Medium impact would: -WhatIf, -Confirm, or $ConfirmPreference Medium or Low.
    /// </summary>
    private bool ShouldSend(ApiRequest request)
    {
        var method = HttpMethod;
        if (method == HttpMethod.Get) return true;
        var target = $"{method.Method} {request.PathAndQuery}" + (request.Body is { } b ? $" with a {b.Length}-byte JSON body" : "");
        if (method == HttpMethod.Delete || AsksAtMedium()) return ShouldProcess(target, "Send");
        WriteVerbose($"Sending {target}.");
        return true;
    }

    private bool AsksAtMedium()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey("WhatIf") || bound.ContainsKey("Confirm")) return true;   // ShouldProcess honours both as given
        if (GetVariableValue("WhatIfPreference") is { } whatIf && LanguagePrimitives.IsTrue(whatIf)) return true;
        var preference = GetVariableValue("ConfirmPreference");
        if (preference is PSObject ps) preference = ps.BaseObject;
        var impact = preference as ConfirmImpact? ?? (Enum.TryParse<ConfirmImpact>(preference?.ToString(), true, out var parsed) ? parsed : ConfirmImpact.High);
        return impact != ConfirmImpact.None && impact <= ConfirmImpact.Medium;
    }

    /// <summary>Every item of every page, by the module's own paging rules; a list under another key warns once per session.</summary>
    private void WriteAllPages(ApiRequest template) =>
        WritePages<PSObject>(async (offset, limit, ct) =>
        {
            var page = await Client.GetRawPageAsync(template, offset, limit, ct).ConfigureAwait(false);
            return new ListEnvelope<PSObject>
            {
                Items = page.Rows.Select(r => PSObject.AsPSObject(RawJson.ToPSObject(r) ?? new PSObject())).ToList(),
                Total = page.Total,
                HasMore = page.HasMore,
            };
        }, PageSize, Path);
}
