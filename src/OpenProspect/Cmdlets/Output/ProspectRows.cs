using System.Collections.Generic;
using System.Linq;

namespace OpenProspect.Cmdlets.Output;

/// <summary>
/// Flattens a company with nested prospects into one <see cref="ProspectRow"/> per prospect (Export-Csv cannot
/// write nested objects). A company without prospects still gives one row, so no company disappears.
/// </summary>
internal static class ProspectRows
{
    public static IEnumerable<object> Expand(object item) => item switch
    {
        Company c => Rows(c.Prospects, () => new ProspectRow
        {
            CompanyId = c.Id, CompanyName = c.Name, CompanyWebsite = c.Website, CompanyCity = c.City, CompanyCountry = c.Country,
            MatchScore = c.MatchScore, ProspectSearchId = c.ProspectSearchId, DeliveredAt = c.DeliveredAt,
        }),
        OrderResult r => Rows(r.Prospects, () => new ProspectRow
        {
            CompanyId = r.Id, CompanyName = r.Name, CompanyWebsite = r.Website, CompanyCity = r.City, CompanyCountry = r.Country,
            MatchScore = r.MatchScore, SourceId = r.SourceId, OrderId = r.OrderId,
            Technologies = r.Technologies.Count == 0 ? null : string.Join(", ", r.Technologies.Select(t => t.Name)),
        }),
        _ => new[] { item },
    };

    private static IEnumerable<ProspectRow> Rows(List<Prospect>? prospects, System.Func<ProspectRow> company)
    {
        if (prospects is null || prospects.Count == 0)
        {
            yield return company();
            yield break;
        }
        foreach (var p in prospects)
        {
            var row = company();
            row.ProspectId = p.Id;
            row.FirstName = p.FirstName;
            row.LastName = p.LastName;
            row.FullName = p.ToString();
            row.JobTitle = p.JobTitle;
            row.Seniority = p.Seniority;
            row.Email = p.Email;
            row.LinkedinUrl = p.LinkedinUrl;
            yield return row;
        }
    }
}
