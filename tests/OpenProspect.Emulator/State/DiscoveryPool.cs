namespace OpenProspect.Emulator.State;

/// <summary>A company that DISCOVERY orders can deliver. <see cref="Domain"/> is the website's host without "www.".</summary>
public sealed record PoolCompany(Guid Id, string Name, string Website, string Domain, string City, string Country,
    string BusinessType, ulong DetailKey);

public sealed record OrderResultTechnology(string Name, string Category);

public sealed record OrderResultProspect(Guid Id, string FirstName, string LastName, string FullName, string JobTitle,
    string Email, string LinkedinUrl, string Seniority);

/// <summary>The generated part of an order result: business type, score, 2–5 technologies, 1–3 prospects.</summary>
public sealed record OrderResultDetails(string BusinessType, decimal MatchScore, IReadOnlyList<OrderResultTechnology> Technologies,
    IReadOnlyList<OrderResultProspect> Prospects);

/// <summary>
/// The companies DISCOVERY orders draw from: 2,000 per --seed, every combination of a name root and a noun once
/// (e.g. "Harbor Logistics GmbH"), in an order shuffled by the seed, each with a unique website
/// https://www.&lt;root&gt;-&lt;noun&gt;.example and a city and country. Also generates the details of every order result
/// (prospects, technologies, score) from a 64-bit key, so the same key always gives the same details.
/// </summary>
public sealed class DiscoveryPool
{
    public const int Size = 2000;

    private readonly ulong _seedKey;

    public DiscoveryPool(int seed)
    {
        _seedKey = Mix((ulong)(uint)seed ^ 0x6A09E667F3BCC908UL);
        var random = new Random(seed);
        var pairs = new (string Root, Noun Noun)[Roots.Length * Nouns.Length];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = (Roots[i / Nouns.Length], Nouns[i % Nouns.Length]);
        random.Shuffle(pairs);
        var companies = new PoolCompany[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            var (root, noun) = pairs[i];
            var place = Places[random.Next(Places.Length)];
            var legalForm = place.LegalForms[random.Next(place.LegalForms.Length)];
            var domain = $"{root}-{noun.Word}.example".ToLowerInvariant();
            var key = Mix(_seedKey ^ Mix(0x706F6F6CUL + (ulong)i));
            companies[i] = new PoolCompany(IdFor(key, 0), $"{root} {noun.Word} {legalForm}", "https://www." + domain, domain,
                place.City, place.Country, noun.BusinessType, key);
        }
        Companies = companies;
    }

    /// <summary>All <see cref="Size"/> companies in pool order.</summary>
    public IReadOnlyList<PoolCompany> Companies { get; }

    /// <summary>The detail key of result <paramref name="index"/> of an ENRICHMENT order.</summary>
    public ulong KeyFor(Guid orderId, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        orderId.TryWriteBytes(bytes);
        var high = BitConverter.ToUInt64(bytes[..8]);
        var low = BitConverter.ToUInt64(bytes[8..]);
        return Mix(Mix(Mix(_seedKey ^ high) ^ low) ^ (ulong)index);
    }

    /// <summary>A UUID v4 derived from a key: number 0 names the result itself, 1.. its prospects.</summary>
    public static Guid IdFor(ulong key, int number)
    {
        var a = Mix(key ^ (0x9E3779B97F4A7C15UL * (ulong)(number + 1)));
        var b = Mix(a ^ key);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes[..8], a);
        BitConverter.TryWriteBytes(bytes[8..], b);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);   // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The generated details for a key; e-mail addresses use <paramref name="emailDomain"/>.</summary>
    public OrderResultDetails Details(ulong key, string emailDomain, string? businessType)
    {
        var random = new Random((int)(Mix(key ^ 0xD1B54A32D192ED03UL) & 0x7FFFFFFF));
        var type = businessType ?? BusinessTypes[random.Next(BusinessTypes.Length)];
        var score = new decimal(random.Next(50, 101), 0, 0, false, 1);   // 5.0 to 10.0, always one decimal

        var technologies = (OrderResultTechnology[])Technologies.Clone();
        random.Shuffle(technologies);
        var roles = (Role[])Roles.Clone();
        random.Shuffle(roles);
        var prospects = new OrderResultProspect[random.Next(1, 4)];
        for (var i = 0; i < prospects.Length; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var handle = $"{first}-{last}-{random.Next(0x100000, 0x1000000):x6}".ToLowerInvariant();
            prospects[i] = new OrderResultProspect(IdFor(key, i + 1), first, last, $"{first} {last}", roles[i].Title,
                $"{first}.{last}@{emailDomain}".ToLowerInvariant(), "https://www.linkedin.com/in/" + handle, roles[i].Seniority);
        }
        return new OrderResultDetails(type, score, technologies[..random.Next(2, 6)], prospects);
    }

    /// <summary>The host of a website (lower-cased, a leading "www." removed); "acme.com" is read as https://acme.com.</summary>
    public static string? DomainOf(string? website)
    {
        if (string.IsNullOrWhiteSpace(website)) return null;
        if (!Uri.TryCreate(website, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            if (!Uri.TryCreate("https://" + website, UriKind.Absolute, out uri)) return null;
        var host = uri.Host.ToLowerInvariant();
        if (host.Length == 0) return null;
        return host.StartsWith("www.", StringComparison.Ordinal) && host.Length > 4 ? host[4..] : host;
    }

    /// <summary>"Grand Hotel Berlin" → "grand-hotel-berlin" (ASCII letters and digits, single hyphens).</summary>
    public static string Slug(string text)
    {
        var chars = new List<char>(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') chars.Add(c);
            else if (chars.Count > 0 && chars[^1] != '-') chars.Add('-');
        }
        var slug = new string(chars.ToArray()).Trim('-');
        return slug.Length == 0 ? "company" : slug;
    }

    // splitmix64's finalizer: a well-spread 64-bit hash, the same on every platform and run.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed record Noun(string Word, string BusinessType);

    private sealed record Place(string City, string Country, string[] LegalForms);

    private sealed record Role(string Title, string Seniority);

    // 50 roots × 40 nouns = exactly Size names, all distinct.
    private static readonly string[] Roots =
    {
        "Alpen", "Nord", "Blue", "Silver", "Bright", "Clear", "Summit", "Harbor", "Falcon", "Cedar",
        "Granite", "Aurora", "Vertex", "Nimbus", "Polar", "Quantum", "River", "Stone", "Sun", "Terra",
        "Urban", "Vista", "Wave", "Zenith", "Atlas", "Beacon", "Copper", "Delta", "Ember", "Fjord",
        "Global", "Helix", "Iron", "Juniper", "Kite", "Lumen", "Maple", "Nova", "Orbit", "Pine",
        "Rapid", "Sage", "Tidal", "Unity", "Velvet", "Willow", "Apex", "Bold", "Crest", "Drift",
    };

    private static readonly Noun[] Nouns =
    {
        new("Analytics", "B2B SaaS"), new("Systems", "IT Services"), new("Logistics", "Logistics"), new("Software", "B2B SaaS"),
        new("Labs", "Research & Development"), new("Works", "Manufacturing"), new("Solutions", "IT Services"), new("Digital", "Digital Agency"),
        new("Partners", "Professional Services"), new("Networks", "Telecommunications"), new("Robotics", "Industrial Automation"), new("Foods", "Food & Beverage"),
        new("Energy", "Renewable Energy"), new("Health", "Healthcare"), new("Media", "Media"), new("Capital", "Financial Services"),
        new("Logic", "B2B SaaS"), new("Cloud", "B2B SaaS"), new("Data", "B2B SaaS"), new("Metrics", "B2B SaaS"),
        new("Motion", "Automotive"), new("Freight", "Logistics"), new("Textiles", "Manufacturing"), new("Hotels", "Hospitality"),
        new("Retail", "Retail"), new("Security", "Cybersecurity"), new("Consulting", "Professional Services"), new("Engineering", "Engineering"),
        new("Dynamics", "Industrial Automation"), new("Supply", "Wholesale"), new("Studios", "Media"), new("Apps", "B2B SaaS"),
        new("Devices", "Electronics"), new("Bio", "Biotechnology"), new("Pharma", "Pharmaceuticals"), new("Mobility", "Transportation"),
        new("Print", "Printing"), new("Learning", "EdTech"), new("Commerce", "E-commerce"), new("Tools", "Manufacturing"),
    };

    private static readonly Place[] Places =
    {
        new("Berlin", "Germany", ["GmbH", "AG"]), new("Munich", "Germany", ["GmbH", "AG"]), new("Hamburg", "Germany", ["GmbH"]),
        new("Cologne", "Germany", ["GmbH"]), new("Vienna", "Austria", ["GmbH"]), new("Zurich", "Switzerland", ["AG", "GmbH"]),
        new("London", "United Kingdom", ["Ltd"]), new("Manchester", "United Kingdom", ["Ltd"]), new("Dublin", "Ireland", ["Ltd"]),
        new("Stockholm", "Sweden", ["AB"]), new("Copenhagen", "Denmark", ["ApS"]), new("Oslo", "Norway", ["AS"]),
        new("Amsterdam", "Netherlands", ["B.V."]), new("Brussels", "Belgium", ["NV"]), new("Paris", "France", ["SAS"]),
        new("Lyon", "France", ["SAS"]), new("Madrid", "Spain", ["S.L."]), new("Milan", "Italy", ["S.r.l."]),
        new("Warsaw", "Poland", ["Sp. z o.o."]), new("New York", "United States", ["Inc.", "LLC"]),
        new("Austin", "United States", ["Inc.", "LLC"]), new("Toronto", "Canada", ["Inc."]),
    };

    private static readonly string[] BusinessTypes =
    {
        "B2B SaaS", "IT Services", "Manufacturing", "Logistics", "Retail", "Hospitality", "Professional Services",
        "E-commerce", "Healthcare", "Construction", "Financial Services", "Media",
    };

    private static readonly OrderResultTechnology[] Technologies =
    {
        new("Salesforce", "CRM"), new("HubSpot", "Marketing Automation"), new("WordPress", "CMS"), new("Shopify", "E-commerce"),
        new("Google Analytics", "Analytics"), new("Cloudflare", "CDN"), new("Stripe", "Payments"), new("Zendesk", "Customer Support"),
        new("React", "JavaScript Framework"), new("Amazon Web Services", "Hosting"), new("Intercom", "Live Chat"), new("Matomo", "Analytics"),
        new("Pipedrive", "CRM"), new("Mailchimp", "Email Marketing"), new("Vue.js", "JavaScript Framework"), new("Microsoft 365", "Productivity"),
        new("Google Workspace", "Productivity"), new("TYPO3", "CMS"), new("Magento", "E-commerce"), new("Microsoft Azure", "Hosting"),
    };

    private static readonly Role[] Roles =
    {
        new("Chief Executive Officer", "C-Level"), new("Chief Technology Officer", "C-Level"), new("VP Sales", "VP"),
        new("Head of Sales", "Head"), new("Head of Marketing", "Head"), new("IT Director", "Director"),
        new("Head of Procurement", "Head"), new("RevOps Lead", "Senior"), new("Sales Manager", "Manager"), new("Operations Manager", "Manager"),
    };

    private static readonly string[] FirstNames =
    {
        "Anna", "Lukas", "Sophie", "Jonas", "Emma", "Felix", "Lea", "Noah", "Mia", "Elias", "Clara", "Oliver",
        "Hannah", "David", "Sara", "Erik", "Laura", "Jan", "Nora", "Tom", "Julia", "Marco", "Ida", "Lars",
    };

    private static readonly string[] LastNames =
    {
        "Schmidt", "Mueller", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Brown",
        "Smith", "Jensen", "Larsen", "Nilsson", "Dubois", "Rossi", "Garcia", "Novak", "Visser", "Murphy", "Berg", "Keller",
    };
}
