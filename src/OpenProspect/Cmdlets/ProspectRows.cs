using System.Collections.Generic;
using System.Management.Automation;

namespace OpenProspect.Cmdlets;

/// <summary>
/// Flattens a company with nested prospects into one row per prospect carrying its company's fields, the shape a
/// spreadsheet or a CRM import takes (Export-Csv cannot write nested objects). A company without prospects still
/// gives one row, so no company disappears from the export.
/// </summary>
internal static class ProspectRows
{
    public const string TypeName = "OpenProspect.ProspectRow";

    public static IEnumerable<PSObject> Expand(object item)
    {
        switch (item)
        {
            case Company c:
                return Rows(c.Prospects, row =>
                {
                    Add(row, "CompanyId", c.Id);
                    Add(row, "CompanyName", c.Name);
                    Add(row, "CompanyWebsite", c.Website);
                    Add(row, "CompanyCity", c.City);
                    Add(row, "CompanyCountry", c.Country);
                    Add(row, "MatchScore", c.MatchScore);
                    Add(row, "ProspectSearchId", c.ProspectSearchId);
                    Add(row, "DeliveredAt", c.DeliveredAt);
                });
            case OrderResult r:
                return Rows(r.Prospects, row =>
                {
                    Add(row, "CompanyId", r.Id);
                    Add(row, "CompanyName", r.Name);
                    Add(row, "CompanyWebsite", r.Website);
                    Add(row, "CompanyCity", r.City);
                    Add(row, "CompanyCountry", r.Country);
                    Add(row, "MatchScore", r.MatchScore);
                    Add(row, "SourceId", r.SourceId);
                    Add(row, "OrderId", r.OrderId);
                });
            default:
                return new[] { PSObject.AsPSObject(item) };
        }
    }

    private static IEnumerable<PSObject> Rows(List<Prospect>? prospects, System.Action<PSObject> company)
    {
        if (prospects is null || prospects.Count == 0)
        {
            yield return Row(company, null);
            yield break;
        }
        foreach (var p in prospects) yield return Row(company, p);
    }

    private static PSObject Row(System.Action<PSObject> company, Prospect? p)
    {
        var row = new PSObject();
        row.TypeNames.Insert(0, TypeName);
        company(row);
        Add(row, "ProspectId", p?.Id);
        Add(row, "FirstName", p?.FirstName);
        Add(row, "LastName", p?.LastName);
        Add(row, "FullName", p?.ToString());
        Add(row, "JobTitle", p?.JobTitle);
        Add(row, "Seniority", p?.Seniority);
        Add(row, "Email", p?.Email);
        Add(row, "LinkedinUrl", p?.LinkedinUrl);
        return row;
    }

    private static void Add(PSObject row, string name, object? value) => row.Properties.Add(new PSNoteProperty(name, value));
}
