using System.Globalization;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>A validated page request: limit 1–100 (default 50), offset ≥ 0 (default 0).</summary>
public readonly record struct Page(int Limit, int Offset);

/// <summary>
/// Paging for every list endpoint: <c>limit</c> 1–100 (default 50) and <c>offset</c> ≥ 0 (default 0), anything else
/// 422 naming the parameter; the envelope <c>{"items","total","limit","offset","has_more"}</c> with
/// <c>has_more = offset + items.Count &lt; total</c>.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>Reads limit and offset from the query; returns the 422 to answer with when either is invalid.</summary>
    public static IResult? Read(HttpRequest request, out Page page)
    {
        var problems = new List<ValidationProblem>();
        var limit = Parameter(request, "limit", DefaultLimit, 1, MaxLimit, $"must be an integer from 1 to {MaxLimit}", problems);
        var offset = Parameter(request, "offset", 0, 0, int.MaxValue, "must be an integer of 0 or more", problems);
        page = new Page(limit, offset);
        return problems.Count == 0 ? null : ApiErrors.Validation("Query parameters failed validation.", problems);
    }

    /// <summary>The list envelope for one page of <paramref name="all"/>; only the page's items are shaped.</summary>
    public static object Envelope<T>(IReadOnlyList<T> all, Page page, Func<T, object> shape)
    {
        var start = Math.Min(page.Offset, all.Count);
        var count = Math.Min(page.Limit, all.Count - start);
        var items = new object[count];
        for (var i = 0; i < count; i++) items[i] = shape(all[start + i]);
        return new
        {
            items,
            total = all.Count,
            limit = page.Limit,
            offset = page.Offset,
            has_more = (long)page.Offset + count < all.Count,
        };
    }

    private static int Parameter(HttpRequest request, string name, int fallback, int min, int max, string rule, List<ValidationProblem> problems)
    {
        if (!request.Query.TryGetValue(name, out var raw)) return fallback;
        var text = raw.ToString();
        if (raw.Count == 1 && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        problems.Add(new ValidationProblem(name, rule, text));
        return fallback;
    }
}
