using System.Globalization;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>limit 1–100 (default 50) and offset ≥ 0 (default 0); the items envelope.</summary>
public static class Paging
{
    public static bool TryRead(HttpRequest request, out int limit, out int offset, out IResult? error)
    {
        limit = 50;
        offset = 0;
        error = null;
        var problems = new List<ApiErrors.ValidationProblem>();
        if (request.Query.TryGetValue("limit", out var l))
        {
            if (!int.TryParse(l.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 100)
                problems.Add(new("limit", "must be an integer from 1 to 100", l.ToString()));
        }
        if (request.Query.TryGetValue("offset", out var o))
        {
            if (!int.TryParse(o.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out offset) || offset < 0)
                problems.Add(new("offset", "must be an integer of 0 or more", o.ToString()));
        }
        if (problems.Count == 0) return true;
        error = ApiErrors.Validation("Query parameters failed validation", problems);
        return false;
    }

    public static object Envelope<T>(IReadOnlyList<T> all, int limit, int offset, Func<T, object> shape)
    {
        var items = new List<object>(Math.Min(limit, Math.Max(0, all.Count - offset)));
        for (int i = offset; i < all.Count && items.Count < limit; i++) items.Add(shape(all[i]));
        return new { items, total = all.Count, limit, offset, has_more = offset + items.Count < all.Count };
    }
}
