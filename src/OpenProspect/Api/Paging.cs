namespace OpenProspect.Api;

/// <summary>The one place that decides where the next page starts, or that the list is done (docs/architecture.md, "Paging").</summary>
internal static class Paging
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The offset of the page after <paramref name="page"/>, or null when there is none. Stops on an empty page,
    /// on <c>has_more = false</c>, on <c>offset + count &gt;= total</c>, and on a short page when the server says
    /// neither, so a listing always ends.
    /// </summary>
    public static long? NextOffset<T>(ListEnvelope<T> page, long offset, int limit)
    {
        int count = page.Rows.Count;
        if (count == 0) return null;
        long next = offset + count;
        if (page.HasMore == false) return null;
        if (page.Total is long total && next >= total) return null;
        if (page.HasMore is null && page.Total is null && count < limit) return null;
        return next;
    }
}
