using OpenProspect.Cmdlets.Input;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>What one input row becomes before it is sent as a blacklist entry (the column aliases are PowerShell's).</summary>
public sealed class CompanyRowTests
{
    [Fact]
    public void A_complete_clean_row_is_sent_as_it_is()
    {
        var entry = CompanyRow.Normalize("Acme", "https://acme.com", "crm-1", "Berlin", "DE", out var problem, out var changes);
        Assert.NotNull(entry);
        Assert.Null(problem);
        Assert.Null(changes);
        Assert.Equal(("Acme", "https://acme.com", "crm-1", "Berlin", "DE"), (entry!.CompanyName, entry.WebsiteUrl, entry.ExternalId, entry.City, entry.Country));
    }

    [Theory]
    [InlineData("acme.com", "https://acme.com")]
    [InlineData("www.acme.co.uk/about", "https://www.acme.co.uk/about")]
    [InlineData("//acme.com", "https://acme.com")]
    public void A_website_without_a_scheme_gets_https(string given, string sent)
    {
        var entry = CompanyRow.Normalize(null, given, null, null, null, out var problem, out var changes);
        Assert.Null(problem);
        Assert.Equal(sent, entry!.WebsiteUrl);
        Assert.Equal($"website '{given}' sent as '{sent}'", changes);
    }

    [Theory]
    [InlineData("http://acme.com")]
    [InlineData("HTTPS://acme.com/x")]
    public void A_website_with_a_scheme_is_kept(string given)
    {
        var entry = CompanyRow.Normalize(null, given, null, null, null, out _, out var changes);
        Assert.Equal(given, entry!.WebsiteUrl);
        Assert.Null(changes);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("acme .com")]
    [InlineData("https://")]
    public void A_website_that_is_no_web_address_is_a_problem(string given)
    {
        var entry = CompanyRow.Normalize("Acme", given, null, null, null, out var problem, out _);
        Assert.Null(entry);
        Assert.Contains($"'{given}' is not a web address", problem);
    }

    [Fact]
    public void Blanks_are_dropped_and_white_space_is_trimmed_and_reported()
    {
        var entry = CompanyRow.Normalize("  Acme ", " ", "", "\t", "DE", out var problem, out var changes);
        Assert.Null(problem);
        Assert.Equal("Acme", entry!.CompanyName);
        Assert.Null(entry.WebsiteUrl);
        Assert.Null(entry.ExternalId);
        Assert.Null(entry.City);
        Assert.Equal("DE", entry.Country);
        Assert.Equal("white space trimmed from CompanyName", changes);
    }

    [Fact]
    public void Trimming_and_the_scheme_are_both_reported()
    {
        var entry = CompanyRow.Normalize(null, " acme.com ", null, null, null, out _, out var changes);
        Assert.Equal("https://acme.com", entry!.WebsiteUrl);
        Assert.Equal("white space trimmed from WebsiteUrl; website 'acme.com' sent as 'https://acme.com'", changes);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(" ", "", "  ")]
    public void A_row_with_no_identifying_field_is_a_problem_even_with_a_city_and_country(string? name, string? site, string? id)
    {
        var entry = CompanyRow.Normalize(name, site, id, "Berlin", "DE", out var problem, out _);
        Assert.Null(entry);
        Assert.StartsWith("The row has no company name, website or external id", problem);
    }

    [Theory]
    [InlineData("Acme", null, null)]
    [InlineData(null, "acme.com", null)]
    [InlineData(null, null, "crm-1")]
    public void Any_one_identifying_field_is_enough(string? name, string? site, string? id)
    {
        Assert.NotNull(CompanyRow.Normalize(name, site, id, null, null, out var problem, out _));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("https://www.bench-company-0000001.example", true)]
    [InlineData("http://acme.com:8080/about?x=1#top", true)]
    [InlineData("HTTPS://ACME.COM", true)]
    [InlineData("https://acme", false)]
    [InlineData("https://.acme.com", false)]
    [InlineData("https://acme..com", false)]
    [InlineData("https://acme.com.", false)]
    [InlineData("https://-acme.com", false)]
    [InlineData("https://acme.com:99999", false)]
    [InlineData("https://acme.com:", false)]
    [InlineData("https://acme.com/a b", false)]
    [InlineData("https://müller.de", false)]
    [InlineData("https://user@acme.com", false)]
    [InlineData("ftp://acme.com", false)]
    public void The_fast_website_check_takes_only_plain_addresses(string url, bool plain) =>
        Assert.Equal(plain, CompanyRow.IsPlainWebAddress(url));

    /// <summary>
    /// The fast check may send rare addresses to the full Uri check, but must never accept one that check refuses:
    /// thousands of generated addresses from the characters that matter are compared with Uri's verdict.
    /// </summary>
    [Fact]
    public void The_fast_website_check_never_accepts_what_the_full_check_refuses()
    {
        const string hostChars = "aZ0-";
        const string tailChars = "a0.-:/?#%@ \\\tü";
        var random = new System.Random(20261130);
        string Pick(string from, int max)
        {
            var chars = new char[random.Next(0, max + 1)];
            for (int i = 0; i < chars.Length; i++) chars[i] = from[random.Next(from.Length)];
            return new string(chars);
        }
        int accepted = 0;
        for (int n = 0; n < 20000; n++)
        {
            // Hosts near the rule's edges (empty labels, hyphens at label ends, ports), then any tail.
            var labels = new string[random.Next(1, 4)];
            for (int i = 0; i < labels.Length; i++) labels[i] = Pick(hostChars, 4);
            var port = random.Next(4) == 0 ? ":" + Pick("0123456789", 6) : "";
            var url = (random.Next(2) == 0 ? "https://" : "http://") + string.Join(".", labels) + port + Pick(tailChars, 6);
            if (!CompanyRow.IsPlainWebAddress(url)) continue;
            accepted++;
            bool full = System.Uri.TryCreate(url, System.UriKind.Absolute, out var uri) && uri.Host.IndexOf('.') >= 1 && url.IndexOf(' ') < 0;
            Assert.True(full, url);
        }
        Assert.True(accepted > 500, $"only {accepted} generated addresses took the fast path");
    }
}
