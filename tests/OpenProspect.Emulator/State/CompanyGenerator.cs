using System.Text;

namespace OpenProspect.Emulator.State;

/// <summary>One company as the API shows it; built on demand from (search, ordinal), never stored.</summary>
public sealed record GeneratedCompany(
    Guid Id, CompanySearch Search, int Ordinal, string Name, string Slug, string City, string Country, string BusinessType,
    int ScoreTenths, string ReviewStatus, string EmployeeRange, DateTimeOffset CreatedAt, DateTimeOffset DeliveredAt, ulong Hash)
{
    public string Website => $"https://www.{Slug}.example";

    /// <summary>0.0–10.0 with one decimal (a decimal keeps the ".0" in JSON).</summary>
    public decimal MatchScore => new(ScoreTenths, 0, 0, false, 1);
}

public sealed record GeneratedJob(Guid Id, string Title, string Department, string Location, string Seniority, string Url, DateTimeOffset PostedAt);

public sealed record GeneratedTechnology(string Name, string Category, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, decimal Confidence);

public sealed record GeneratedProspect(
    Guid Id, GeneratedCompany Company, int Number, string FirstName, string LastName, string JobTitle, string Email,
    string LinkedinUrl, string Seniority)
{
    public string FullName => FirstName + " " + LastName;
}

/// <summary>
/// Everything about a company, derived deterministically from the --seed key, its search and its ordinal (its
/// position in the search's delivery order): nothing is stored per company, so a search of 100,000 companies costs
/// no memory and no start-up time. The match score cycles through 0.0–10.0 evenly, review statuses cycle
/// accepted → pending → rejected, names are unique within a search.
/// </summary>
public sealed class CompanyGenerator
{
    public static readonly string[] ReviewStatuses = ["accepted", "pending", "rejected"];

    private static readonly string[] EmployeeRanges = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000"];

    private static readonly string[] Departments = ["Sales", "Marketing", "Engineering", "Customer Success", "Operations", "Finance", "Product", "People"];

    private static readonly Dictionary<string, string[]> Roles = new()
    {
        ["Sales"] = ["Account Executive", "Sales Development Representative", "Key Account Manager", "Sales Manager"],
        ["Marketing"] = ["Marketing Manager", "Content Marketing Manager", "Performance Marketing Specialist", "Brand Manager"],
        ["Engineering"] = ["Backend Engineer", "Frontend Engineer", "DevOps Engineer", "Data Engineer"],
        ["Customer Success"] = ["Customer Success Manager", "Support Specialist", "Onboarding Manager", "Account Manager"],
        ["Operations"] = ["Operations Manager", "Supply Chain Analyst", "Office Manager", "Procurement Specialist"],
        ["Finance"] = ["Financial Controller", "Accountant", "FP&A Analyst", "Payroll Specialist"],
        ["Product"] = ["Product Manager", "Product Designer", "UX Researcher", "Product Owner"],
        ["People"] = ["Recruiter", "HR Business Partner", "People Operations Manager", "Talent Acquisition Lead"],
    };

    private static readonly string[] JobSeniorities = ["junior", "mid", "senior", "lead"];

    /// <summary>31 technologies (a prime, so a stride walks them all without repeats).</summary>
    private static readonly (string Name, string Category)[] Technologies =
    [
        ("Salesforce", "CRM"), ("HubSpot", "CRM"), ("Pipedrive", "CRM"), ("Microsoft Dynamics 365", "CRM"),
        ("Google Analytics", "Analytics"), ("Matomo", "Analytics"), ("Hotjar", "Analytics"), ("Mixpanel", "Analytics"),
        ("WordPress", "CMS"), ("TYPO3", "CMS"), ("Contentful", "CMS"), ("Webflow", "CMS"),
        ("Shopify", "E-commerce"), ("Magento", "E-commerce"), ("WooCommerce", "E-commerce"),
        ("Marketo", "Marketing automation"), ("Mailchimp", "Marketing automation"), ("Brevo", "Marketing automation"),
        ("Cloudflare", "CDN"), ("Amazon CloudFront", "CDN"), ("Fastly", "CDN"),
        ("Intercom", "Live chat"), ("Zendesk", "Live chat"), ("Drift", "Live chat"),
        ("Stripe", "Payments"), ("Adyen", "Payments"), ("PayPal", "Payments"),
        ("React", "JavaScript framework"), ("Vue.js", "JavaScript framework"), ("Angular", "JavaScript framework"),
        ("Google Tag Manager", "Tag management"),
    ];

    private static readonly (string Seniority, string[] Titles)[] ProspectRoles =
    [
        ("c_level", ["CEO", "Managing Director", "COO", "Founder & CEO"]),
        ("vp", ["VP Sales", "VP Operations", "VP Marketing", "Chief Revenue Officer"]),
        ("director", ["Head of Sales", "Head of Operations", "Head of Procurement", "Director of Marketing"]),
        ("manager", ["Sales Manager", "Operations Manager", "IT Manager", "Purchasing Manager"]),
    ];

    private readonly ulong _key;

    public CompanyGenerator(int seed, CompanyIds ids, DateTimeOffset anchor)
    {
        _key = StableHash.Mix((ulong)(uint)seed ^ 0xC2B2AE3D27D4EB4FUL);
        Ids = ids;
        Anchor = anchor;
    }

    public CompanyIds Ids { get; }

    /// <summary>The reference time of generated dates (jobs, technologies): the process start, whole seconds.</summary>
    public DateTimeOffset Anchor { get; }

    /// <summary>The per-search salt: varies the name order and the score phase with --seed.</summary>
    public ulong SearchSalt(int searchIndex) => StableHash.Of(_key, (ulong)searchIndex, 0x51);

    public static int ScoreTenths(CompanySearch search, int ordinal) =>
        (int)(((ulong)ordinal * 37 + search.Salt % 101) % 101);

    public static string ReviewStatus(int ordinal) => ReviewStatuses[ordinal % 3];

    private ulong CompanyHash(CompanySearch search, int ordinal) => StableHash.Of(_key, search.Salt, (ulong)ordinal);

    /// <summary>Name, city and business type: what the list's <c>search</c> filter looks at (cheaper than a whole company).</summary>
    public (string Name, string City, string BusinessType) Texts(CompanySearch search, int ordinal)
    {
        var h = CompanyHash(search, ordinal);
        var place = Place(search.Profile, h);
        return (Name(search, ordinal, place, h, out _), place.City, BusinessType(search.Profile, h));
    }

    public GeneratedCompany Company(CompanySearch search, int ordinal)
    {
        var profile = search.Profile;
        var h = CompanyHash(search, ordinal);
        var place = Place(profile, h);
        var name = Name(search, ordinal, place, h, out var core);
        var delivered = search.DeliveredAt(ordinal);
        var created = delivered.AddSeconds(-(3600 + (long)(StableHash.Mix(h ^ 0xC7) % (30 * 86400))));
        return new GeneratedCompany(
            Ids.Encode(GeneratedKind.Company, search.Index, ordinal), search, ordinal, name, Slug(core), place.City, place.Country,
            BusinessType(profile, h), ScoreTenths(search, ordinal), ReviewStatus(ordinal),
            EmployeeRanges[StableHash.Pick(StableHash.Mix(h ^ 0xE5), EmployeeRanges.Length)], created, delivered, h);
    }

    public string Description(GeneratedCompany c) =>
        $"{c.Name} ({c.BusinessType}) is based in {c.City}, {c.Country}, and employs {c.EmployeeRange} people. " +
        $"It was found for the prospect search with a match score of {c.MatchScore} out of 10.";

    // ---- jobs (0–6 per company), newest first ----

    public static int JobCount(GeneratedCompany c) => (int)(StableHash.Mix(c.Hash ^ 0x10B) % 7);

    public List<GeneratedJob> Jobs(GeneratedCompany c)
    {
        var count = JobCount(c);
        var jobs = new List<GeneratedJob>(count);
        for (var j = 0; j < count; j++)
        {
            var h = StableHash.Of(c.Hash, 0x10B, (ulong)j);
            var department = Departments[StableHash.Pick(h, Departments.Length)];
            var roles = Roles[department];
            var seniority = JobSeniorities[StableHash.Pick(h >> 8, JobSeniorities.Length)];
            var role = roles[StableHash.Pick(h >> 16, roles.Length)];
            var title = seniority switch { "junior" => "Junior " + role, "senior" => "Senior " + role, "lead" => "Lead " + role, _ => role };
            var location = StableHash.Pick(h >> 24, 5) == 0 ? "Remote" : c.City;
            var posted = Anchor.AddDays(-(1 + StableHash.Pick(h >> 32, 120))).AddSeconds(-StableHash.Pick(h >> 40, 86400));
            jobs.Add(new GeneratedJob(Ids.Encode(GeneratedKind.Job, c.Search.Index, c.Ordinal, j), title, department, location,
                seniority, $"https://www.{c.Slug}.example/careers/{j + 1}", posted));
        }
        jobs.Sort((a, b) => b.PostedAt.CompareTo(a.PostedAt));
        return jobs;
    }

    /// <summary>Jobs posted in the 45 days before the anchor count as open.</summary>
    public bool IsOpen(GeneratedJob job) => job.PostedAt > Anchor.AddDays(-45);

    /// <summary>growing with 4 or more postings, stable with 2–3, shrinking with fewer.</summary>
    public static string HiringTrend(int jobs) => jobs >= 4 ? "growing" : jobs >= 2 ? "stable" : "shrinking";

    // ---- technologies (2–6 per company) ----

    public List<GeneratedTechnology> TechnologiesOf(GeneratedCompany c)
    {
        var h = StableHash.Mix(c.Hash ^ 0x7EC);
        var count = 2 + (int)(h % 5);
        var start = StableHash.Pick(h >> 8, Technologies.Length);
        var stride = 1 + StableHash.Pick(h >> 16, Technologies.Length - 1);
        var list = new List<GeneratedTechnology>(count);
        for (var t = 0; t < count; t++)
        {
            var (name, category) = Technologies[(start + t * stride) % Technologies.Length];
            var th = StableHash.Of(h, (ulong)t);
            var last = Anchor.AddDays(-StableHash.Pick(th, 21)).AddSeconds(-StableHash.Pick(th >> 8, 86400));
            var first = last.AddDays(-(30 + StableHash.Pick(th >> 24, 900))).AddSeconds(-StableHash.Pick(th >> 48, 86400));
            list.Add(new GeneratedTechnology(name, category, first, last, new decimal(50 + StableHash.Pick(th >> 40, 51), 0, 0, false, 2)));
        }
        return list;
    }

    // ---- prospects (1–3 per company) ----

    public static int ProspectCount(GeneratedCompany c) => ProspectCount(c.Hash);

    public static int ProspectCount(ulong companyHash) => 1 + (int)(StableHash.Mix(companyHash ^ 0x9E0) % 3);

    /// <summary>The number of prospects of a company without building it.</summary>
    public int ProspectCount(CompanySearch search, int ordinal) => ProspectCount(CompanyHash(search, ordinal));

    public List<GeneratedProspect> Prospects(GeneratedCompany c)
    {
        var count = ProspectCount(c);
        var list = new List<GeneratedProspect>(count);
        for (var n = 0; n < count; n++) list.Add(Prospect(c, n));
        return list;
    }

    public GeneratedProspect Prospect(GeneratedCompany c, int n)
    {
        var profile = c.Search.Profile;
        var h = StableHash.Mix(c.Hash ^ 0x9E0);
        var first = profile.FirstNames[(int)((h >> 8) % (ulong)profile.FirstNames.Length + (ulong)n * 7) % profile.FirstNames.Length];
        var last = profile.LastNames[(int)((h >> 24) % (ulong)profile.LastNames.Length + (ulong)n * 3) % profile.LastNames.Length];
        var (seniority, titles) = ProspectRoles[Math.Min(n + StableHash.Pick(h >> 40, 2), ProspectRoles.Length - 1)];
        var title = titles[StableHash.Pick(StableHash.Of(h, (ulong)n), titles.Length)];
        var firstAscii = Ascii(first);
        var lastAscii = Ascii(last);
        var tag = (StableHash.Of(h, (ulong)n, 0x11) & 0xFFFFFF).ToString("x6", System.Globalization.CultureInfo.InvariantCulture);
        return new GeneratedProspect(
            Ids.Encode(GeneratedKind.Prospect, c.Search.Index, c.Ordinal, n), c, n, first, last, title,
            $"{firstAscii}.{lastAscii}@{c.Slug}.example", $"https://www.linkedin.com/in/{firstAscii}-{lastAscii}-{tag}", seniority);
    }

    // ---- names ----

    private static CompanyPlace Place(CompanyProfile profile, ulong h) => profile.Places[StableHash.Pick(StableHash.Mix(h ^ 0xC17), profile.Places.Length)];

    private static string BusinessType(CompanyProfile profile, ulong h) =>
        profile.BusinessTypes[StableHash.Pick(StableHash.Mix(h ^ 0xB75), profile.BusinessTypes.Length)];

    /// <summary>
    /// The unique name of the company at <paramref name="ordinal"/>: ordinals are taken in blocks of
    /// <see cref="CompanyProfile.CoreCount"/>; inside a block a seeded permutation picks the (stem1, stem2, industry)
    /// combination, the block picks the qualifier (none for the first block) and, past the last qualifier, a number.
    /// <paramref name="core"/> is the name without the legal form (the website's slug comes from it).
    /// </summary>
    private static string Name(CompanySearch search, int ordinal, CompanyPlace place, ulong h, out string core)
    {
        var p = search.Profile;
        var cores = p.CoreCount;
        var block = ordinal / cores;
        var local = (int)(((long)(ordinal % cores) * 1237 + (long)(search.Salt % (ulong)cores)) % cores);
        var stem1 = p.Stems1[local % p.Stems1.Length];
        var stem2 = p.Stems2[local / p.Stems1.Length % p.Stems2.Length];
        var industry = p.Industries[local / (p.Stems1.Length * p.Stems2.Length)];
        var qualifiers = p.AllQualifiers;
        var qualifier = qualifiers[block % qualifiers.Length];
        var round = block / qualifiers.Length;
        var sb = new StringBuilder(48).Append(stem1).Append(stem2).Append(' ').Append(industry);
        if (qualifier.Length > 0) sb.Append(' ').Append(qualifier);
        if (round > 0) sb.Append(' ').Append(round + 1);
        core = sb.ToString();
        var forms = p.LegalForms[place.Country];
        return core + " " + forms[StableHash.Pick(StableHash.Mix(h ^ 0x1E6), forms.Length)];
    }

    /// <summary>"Alpenbrücke Software Zürich" → "alpenbruecke-software-zuerich".</summary>
    public static string Slug(string text)
    {
        var ascii = Ascii(text);
        var sb = new StringBuilder(ascii.Length);
        foreach (var ch in ascii)
        {
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().TrimEnd('-');
    }

    /// <summary>Lower-case ASCII: umlauts and Nordic letters transliterated.</summary>
    public static string Ascii(string text)
    {
        var sb = new StringBuilder(text.Length + 4);
        foreach (var ch in text.ToLowerInvariant())
        {
            sb.Append(ch switch
            {
                'ä' or 'æ' => "ae",
                'ö' or 'ø' => "oe",
                'ü' => "ue",
                'å' => "aa",
                'ß' => "ss",
                'é' or 'è' => "e",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
