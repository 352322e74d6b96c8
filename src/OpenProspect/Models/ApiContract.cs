using System;

namespace OpenProspect;

/// <summary>What Test-OPApiContract found for one read endpoint: how its answer compares with the module's model.</summary>
public sealed class ApiContractResult
{
    /// <summary>The endpoint's name, e.g. companies/{id}/jobs (what -Endpoint matches).</summary>
    public string Endpoint { get; set; } = "";

    public string Method { get; set; } = "GET";

    /// <summary>The path and query that was sent; null when the endpoint was skipped.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Match: the module reads everything it relies on. Differs: it would not (a field it needs is missing, the list
    /// is not where it looks, an item does not fit its model). Skipped: not called (no scope, no data). Failed: the call failed.
    /// </summary>
    public string Verdict { get; set; } = "";

    /// <summary>The HTTP status of the answer; null when nothing was sent or no answer came.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The key the list's array was under (items, orders, or another); null for a single object.</summary>
    public string? ListKey { get; set; }

    /// <summary>Fields the model requires (ids, status and the other non-nullable ones) that the answer lacks.</summary>
    public string[] MissingFields { get; set; } = Array.Empty<string>();

    /// <summary>Optional fields of the model that the answer does not carry (their properties stay empty).</summary>
    public string[] AbsentFields { get; set; } = Array.Empty<string>();

    /// <summary>Fields of the answer the model does not know (they reach the pipeline as extra properties); $. marks the list envelope's own keys.</summary>
    public string[] UnknownFields { get; set; } = Array.Empty<string>();

    /// <summary>Fields holding a date and time without Z or an offset.</summary>
    public string[] ZonelessTimestamps { get; set; } = Array.Empty<string>();

    /// <summary>The module's type for the answer's items, e.g. OpenProspect.Company.</summary>
    public string? Model { get; set; }

    /// <summary>Why the verdict is what it is: the missing scope or data, the error, or what differs.</summary>
    public string? Reason { get; set; }

    /// <summary>The ErrorId of a Failed call (the API's code, HTTP_&lt;status&gt; or CONNECTION_FAILED).</summary>
    public string? ErrorId { get; set; }

    public override string ToString() => $"{Method} {Endpoint}: {Verdict}";
}
