using System;
using System.Runtime.CompilerServices;
using OpenProspect.Api.Wire;

namespace OpenProspect.Cmdlets.Input;

/// <summary>
/// Turns one input row into an entry the API will accept, or says why it cannot: trims white space, drops empty
/// values, and gives a bare domain the https:// scheme the API's website_url expects.
/// </summary>
internal static class CompanyRow
{
    /// <summary>The entry, or null with <paramref name="problem"/> set. <paramref name="changes"/> lists what was normalised.</summary>
    [MethodImpl(CsvRecordReader.AggressiveOptimization)]
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
            if (!IsPlainWebAddress(withScheme) && (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Host.IndexOf('.') < 1 || withScheme.IndexOf(' ') >= 0))
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

    /// <summary>
    /// The common case decided without parsing a Uri (a CRM export has one website per row): http(s)://, a host of
    /// dot-separated labels of ASCII letters, digits and inner hyphens (at least two labels), an optional port, then nothing or a
    /// path, query or fragment without white space or control characters. Every such address is one Uri accepts with
    /// a dotted host; anything else goes to the full check.
    /// </summary>
    internal static bool IsPlainWebAddress(string url)
    {
        int i = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : -1;
        if (i < 0) return false;
        int hostStart = i;
        bool dotted = false;
        for (; i < url.Length; i++)
        {
            char c = url[i];
            // Labels start and end with a letter or digit: no empty label, no hyphen next to a dot.
            if (c == '.') { if (i == hostStart || url[i - 1] is '.' or '-') return false; dotted = true; continue; }
            if (c == '-' && url[i - 1] == '.') return false;
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || c == '-')) break;
        }
        if (!dotted || url[hostStart] == '-' || url[i - 1] is '.' or '-') return false;
        if (i < url.Length && url[i] == ':')
        {
            int portStart = ++i;
            while (i < url.Length && url[i] is >= '0' and <= '9') i++;
            if (i == portStart || i - portStart > 5 || int.Parse(url.Substring(portStart, i - portStart), System.Globalization.CultureInfo.InvariantCulture) > 65535) return false;
        }
        if (i == url.Length) return true;
        if (url[i] is not ('/' or '?' or '#')) return false;
        for (; i < url.Length; i++)
            if (char.IsWhiteSpace(url[i]) || char.IsControl(url[i]) || url[i] == '\\') return false;
        return true;
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
