using System;
using OpenProspect.Api.Wire;

namespace OpenProspect.Cmdlets.Input;

/// <summary>
/// Turns one input row into an entry the API will accept, or says why it cannot: trims white space, drops empty
/// values, and gives a bare domain the https:// scheme the API's website_url expects.
/// </summary>
internal static class CompanyRow
{
    /// <summary>The entry, or null with <paramref name="problem"/> set. <paramref name="changes"/> lists what was normalised.</summary>
    public static CompanyBody? Normalize(string? companyName, string? websiteUrl, string? externalId, string? city, string? country,
        out string? problem, out string? changes)
    {
        problem = null;
        changes = null;
        var entry = new CompanyBody
        {
            CompanyName = Clean(companyName, "CompanyName", ref changes),
            WebsiteUrl = Clean(websiteUrl, "WebsiteUrl", ref changes),
            ExternalId = Clean(externalId, "ExternalId", ref changes),
            City = Clean(city, "City", ref changes),
            Country = Clean(country, "Country", ref changes),
        };

        if (entry.WebsiteUrl is { } site)
        {
            var withScheme = site;
            if (!site.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !site.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                withScheme = "https://" + site.TrimStart('/');
            }
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Host.IndexOf('.') < 1 || withScheme.IndexOf(' ') >= 0)
            {
                problem = $"The website '{site}' is not a web address (expected something like acme.com or https://www.acme.com).";
                return null;
            }
            if (!ReferenceEquals(withScheme, site))
            {
                changes = Append(changes, $"website '{site}' sent as '{withScheme}'");
                entry.WebsiteUrl = withScheme;
            }
        }

        if (entry.CompanyName is null && entry.WebsiteUrl is null && entry.ExternalId is null)
        {
            problem = "The row has no company name, website or external id, so it cannot identify a company. Give at least one (columns such as CompanyName, Website, Domain or ExternalId; see Get-Help Add-OPBlacklistEntry -Parameter CompanyName).";
            return null;
        }
        return entry;
    }

    private static string? Clean(string? value, string field, ref string? changes)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        if (trimmed.Length == 0) return null;
        if (trimmed.Length != value.Length) changes = Append(changes, $"white space trimmed from {field}");
        return trimmed;
    }

    private static string Append(string? list, string item) => list is null ? item : list + "; " + item;
}
