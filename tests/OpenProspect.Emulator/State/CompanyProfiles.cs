namespace OpenProspect.Emulator.State;

/// <summary>A city and its country.</summary>
public sealed record CompanyPlace(string City, string Country);

/// <summary>
/// The flavour of the companies generated for one prospect search: places, legal forms per country, the words
/// company names are built from, business types, and the names of people. Company names are
/// <c>Stem1 + stem2 + " " + Industry [+ " " + qualifier] + " " + legal form</c>; the first
/// <see cref="CoreCount"/> companies of a search have no qualifier, and the qualifiers are
/// <see cref="Qualifiers"/> followed by the cities.
/// </summary>
public sealed class CompanyProfile
{
    public required string Key { get; init; }
    public required CompanyPlace[] Places { get; init; }
    /// <summary>Legal forms per country, repeated to weight them.</summary>
    public required Dictionary<string, string[]> LegalForms { get; init; }
    public required string[] Stems1 { get; init; }
    public required string[] Stems2 { get; init; }
    public required string[] Industries { get; init; }
    /// <summary>Extra words after the industry; the cities of <see cref="Places"/> follow them.</summary>
    public required string[] Qualifiers { get; init; }
    public required string[] BusinessTypes { get; init; }
    public required string[] FirstNames { get; init; }
    public required string[] LastNames { get; init; }

    public int CoreCount => Stems1.Length * Stems2.Length * Industries.Length;

    private string[]? _allQualifiers;

    /// <summary>"" (none), then <see cref="Qualifiers"/>, then every distinct city.</summary>
    public string[] AllQualifiers => _allQualifiers ??=
        new[] { "" }.Concat(Qualifiers).Concat(Places.Select(p => p.City).Distinct()).ToArray();
}

/// <summary>The four profiles, one per seeded prospect search (DACH SaaS, Nordic logistics, UK hotels, US retail).</summary>
public static class CompanyProfiles
{
    public static readonly CompanyProfile Dach = new()
    {
        Key = "dach-saas",
        Places = Places("Germany", "Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf",
                "Leipzig", "Dresden", "Nürnberg", "Hannover", "Karlsruhe", "Bremen", "Münster")
            .Concat(Places("Austria", "Wien", "Graz", "Linz", "Salzburg", "Innsbruck"))
            .Concat(Places("Switzerland", "Zürich", "Basel", "Bern", "Luzern", "St. Gallen")).ToArray(),
        LegalForms = new()
        {
            ["Germany"] = ["GmbH", "GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "SE"],
            ["Austria"] = ["GmbH", "GmbH", "GmbH", "AG"],
            ["Switzerland"] = ["AG", "AG", "GmbH", "GmbH"],
        },
        Stems1 = ["Alpen", "Nord", "Sonnen", "Berg", "Blau", "Licht", "Wolken", "Daten", "Stern", "Fluss",
            "Eichen", "Funken", "Klar", "Hoch", "Wald", "Feld", "Silber", "Gold", "Adler", "Linden"],
        Stems2 = ["werk", "blick", "weg", "punkt", "brücke", "quelle", "bau", "haus", "stein", "tor",
            "hafen", "turm", "hof", "mark", "wind", "zeit", "kraft", "feuer", "land", "bach"],
        Industries = ["Software", "Digital", "Systems", "Solutions", "Analytics", "Cloud", "Technologies", "Informatik", "Data", "Labs"],
        Qualifiers = ["Services", "International", "Consulting", "Group", "Partners", "Ventures", "Europe"],
        BusinessTypes = ["B2B SaaS", "Software development", "IT services", "Fintech", "HR software", "Marketing technology",
            "Cybersecurity", "Data analytics", "E-commerce software", "Industrial IoT"],
        FirstNames = ["Anna", "Lukas", "Julia", "Felix", "Sophie", "Maximilian", "Laura", "Jonas", "Lena", "Paul",
            "Katharina", "Tobias", "Miriam", "Stefan", "Sabine", "Andreas", "Claudia", "Matthias", "Nina", "Florian"],
        LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
            "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Huber", "Gruber", "Keller", "Brunner"],
    };

    public static readonly CompanyProfile Nordic = new()
    {
        Key = "nordic-logistics",
        Places = Places("Sweden", "Stockholm", "Göteborg", "Malmö", "Uppsala", "Linköping")
            .Concat(Places("Norway", "Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"))
            .Concat(Places("Denmark", "København", "Aarhus", "Odense", "Aalborg", "Esbjerg"))
            .Concat(Places("Finland", "Helsinki", "Tampere", "Turku", "Oulu", "Vaasa")).ToArray(),
        LegalForms = new()
        {
            ["Sweden"] = ["AB"],
            ["Norway"] = ["AS"],
            ["Denmark"] = ["A/S", "ApS"],
            ["Finland"] = ["Oy", "Oy", "Oyj"],
        },
        Stems1 = ["Fjord", "Nordic", "Polar", "Aurora", "Viking", "Baltic", "Arctic", "Skagen", "Saga", "Frost",
            "North", "Birch", "Granite", "Tide", "Ice", "Storm", "Raven", "Wolf", "Elk", "Amber"],
        Stems2 = ["line", "way", "haul", "link", "gate", "port", "star", "wind", "bay", "crest",
            "stone", "field", "bridge", "route", "mark", "lane", "path", "dock", "sound", "ridge"],
        Industries = ["Logistics", "Transport", "Freight", "Cargo", "Shipping", "Spedition", "Terminals", "Distribution", "Express", "Forwarding"],
        Qualifiers = ["Nordic", "Scandinavia", "International", "Group", "Services", "Solutions", "Europe"],
        BusinessTypes = ["Freight forwarding", "Road haulage", "Warehousing", "Cold chain logistics", "Last-mile delivery",
            "Short sea shipping", "Third-party logistics", "Port logistics", "Rail freight", "Courier services"],
        FirstNames = ["Erik", "Anna", "Lars", "Ingrid", "Johan", "Karin", "Mikael", "Sofia", "Ole", "Sigrid",
            "Anders", "Freja", "Mikko", "Aino", "Henrik", "Maja", "Nils", "Elin", "Jonas", "Liv"],
        LastNames = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsen", "Hansen", "Johansen", "Olsen", "Nielsen",
            "Jensen", "Pedersen", "Virtanen", "Korhonen", "Mäkinen", "Lindqvist", "Berg", "Holm", "Lund", "Dahl"],
    };

    public static readonly CompanyProfile UkHotels = new()
    {
        Key = "uk-hotels",
        Places = Places("United Kingdom", "London", "Edinburgh", "Bath", "York", "Manchester", "Bristol", "Brighton", "Oxford",
            "Cambridge", "Glasgow", "Liverpool", "Cardiff", "Belfast", "Inverness", "Norwich", "Exeter", "Canterbury",
            "Harrogate", "Chester", "Windermere"),
        LegalForms = new() { ["United Kingdom"] = ["Ltd", "Ltd", "Ltd", "Limited", "LLP"] },
        Stems1 = ["Rose", "Kings", "Harbour", "Willow", "Oak", "Castle", "Ivy", "Meadow", "Abbey", "Lark",
            "Heather", "Elm", "Swan", "Fox", "Ash", "Holly", "Thistle", "Bramble", "Hawthorn", "Primrose"],
        Stems2 = ["gate", "field", "wood", "bridge", "mere", "ford", "hill", "brook", "moor", "stone",
            "cliff", "dale", "wick", "well", "court", "ley", "combe", "haven", "mead", "cross"],
        Industries = ["Hotel", "House", "Inn", "Lodge", "Manor", "Hotels", "Hospitality", "Arms", "Rooms", "Retreat"],
        Qualifiers = ["Collection", "Group", "& Spa", "Townhouse", "Country House", "Estates", "Holdings"],
        BusinessTypes = ["Boutique hotel", "Country house hotel", "Bed and breakfast", "Coaching inn", "Townhouse hotel",
            "Spa hotel", "Guest house", "Serviced apartments", "Golf resort", "Seaside hotel"],
        FirstNames = ["Oliver", "Amelia", "Harry", "Olivia", "George", "Isla", "Jack", "Emily", "Charlie", "Sophie",
            "Thomas", "Grace", "James", "Lily", "William", "Ella", "Henry", "Chloe", "Edward", "Lucy"],
        LastNames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
            "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke"],
    };

    public static readonly CompanyProfile UsRetail = new()
    {
        Key = "us-retail",
        Places = Places("United States", "Chicago", "New York", "Los Angeles", "Houston", "Phoenix", "Philadelphia", "San Antonio",
            "Dallas", "Denver", "Seattle", "Atlanta", "Boston", "Minneapolis", "Nashville", "Portland", "Columbus",
            "Charlotte", "Kansas City", "Salt Lake City", "Miami"),
        LegalForms = new() { ["United States"] = ["Inc.", "Inc.", "LLC", "Corp.", "Co."] },
        Stems1 = ["Lake", "Pine", "Eagle", "Liberty", "Summit", "Golden", "Prairie", "Maple", "Harbor", "Canyon",
            "River", "Sun", "Cedar", "Bay", "Star", "Frontier", "Heritage", "Sierra", "Blue", "Red"],
        Stems2 = ["view", "crest", "field", "land", "ridge", "way", "point", "side", "wood", "dale",
            "stone", "brook", "gate", "mark", "line", "rock", "haven", "port", "vale", "light"],
        Industries = ["Market", "Stores", "Outfitters", "Supply", "Goods", "Mart", "Retail", "Trading", "Home", "Brands"],
        Qualifiers = ["Group", "Holdings", "Brands", "Direct", "& Co", "West", "East"],
        BusinessTypes = ["Grocery chain", "Apparel retail", "Home improvement", "Consumer electronics", "Sporting goods",
            "Pharmacy chain", "Discount store", "Furniture retail", "Pet supplies", "Convenience stores"],
        FirstNames = ["James", "Mary", "Michael", "Jennifer", "David", "Jessica", "Daniel", "Ashley", "Matthew", "Sarah",
            "Christopher", "Emily", "Andrew", "Megan", "Joshua", "Rachel", "Ryan", "Lauren", "Brandon", "Nicole"],
        LastNames = ["Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
            "Lopez", "Wilson", "Anderson", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White"],
    };

    public static readonly CompanyProfile[] All = [Dach, Nordic, UkHotels, UsRetail];

    /// <summary>The profile of a seeded search; any other search gets one chosen by its id.</summary>
    public static CompanyProfile For(Guid prospectSearchId) => prospectSearchId.ToString() switch
    {
        "550e8400-e29b-41d4-a716-446655440000" => Dach,
        "550e8400-e29b-41d4-a716-446655440001" => Nordic,
        "550e8400-e29b-41d4-a716-446655440002" => UkHotels,
        "660e8400-e29b-41d4-a716-446655440000" => UsRetail,
        _ => All[(prospectSearchId.GetHashCode() & int.MaxValue) % All.Length],
    };

    private static CompanyPlace[] Places(string country, params string[] cities) => cities.Select(c => new CompanyPlace(c, country)).ToArray();
}
