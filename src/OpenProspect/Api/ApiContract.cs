using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using OpenProspect.Session;

namespace OpenProspect.Api;

/// <summary>One read endpoint the module uses, as Test-OPApiContract calls it.</summary>
internal sealed class ContractEndpoint
{
    internal ContractEndpoint(string name, string path, Type model, bool isList, string[] scopes,
        string? needs = null, string? provides = null, string? query = null, string[]? moduleFills = null)
    {
        Name = name;
        PathTemplate = path;
        Model = model;
        IsList = isList;
        Scopes = scopes;
        Needs = needs;
        Provides = provides;
        QueryTemplate = query;
        ModuleFills = moduleFills ?? Array.Empty<string>();
    }

    /// <summary>e.g. companies/{id}/jobs: what -Endpoint matches.</summary>
    public string Name { get; }

    /// <summary>The path with the id it needs as {search}, {company}, ...</summary>
    public string PathTemplate { get; }

    public Type Model { get; }

    public bool IsList { get; }

    public string[] Scopes { get; }

    /// <summary>The kind of id the path needs (search, company, prospect, order, creation, blacklist).</summary>
    public string? Needs { get; }

    /// <summary>The kind of id the first item of this endpoint's answer gives to the endpoints after it.</summary>
    public string? Provides { get; }

    public string? QueryTemplate { get; }

    /// <summary>Fields the client fills in itself from the request (the company of a job), so the answer need not carry them.</summary>
    public string[] ModuleFills { get; }
}

/// <summary>
/// The read endpoints the module uses and the comparison of an answer with the module's own models. The fields a
/// model expects come from its source-generated JSON metadata (names in wire form); the fields it requires are the
/// ones its C# type declares non-nullable (ids, status, counts): without them a property silently keeps its default.
/// </summary>
internal static class ApiContract
{
    private static readonly OpenProspectJsonContext Json = OpenProspectJsonContext.Default;

    // A date and time with no Z and no offset: read in the machine's time zone unless the module says otherwise.
    private static readonly Regex ZonelessTimestamp = new(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", RegexOptions.CultureInvariant);

    /// <summary>In the order they are checked: an endpoint comes after the one that gives it its id.</summary>
    public static readonly IReadOnlyList<ContractEndpoint> Endpoints = new[]
    {
        new ContractEndpoint("auth/validate", "/api/v1/auth/validate", typeof(KeyValidation), false, Array.Empty<string>()),
        new ContractEndpoint("prospect-searches", "/api/v1/prospect-searches", typeof(ProspectSearch), true, new[] { Scopes.ProspectSearchesRead }, provides: "search"),
        new ContractEndpoint("prospect-searches/{id}", "/api/v1/prospect-searches/{search}", typeof(ProspectSearch), false, new[] { Scopes.ProspectSearchesRead }, needs: "search"),
        new ContractEndpoint("companies", "/api/v1/companies", typeof(Company), true, new[] { Scopes.CompaniesRead }, needs: "search", provides: "company", query: "prospect_search_id"),
        new ContractEndpoint("companies/{id}", "/api/v1/companies/{company}", typeof(Company), false, new[] { Scopes.CompaniesRead }, needs: "company"),
        new ContractEndpoint("companies/{id}/jobs", "/api/v1/companies/{company}/jobs", typeof(CompanyJob), true, new[] { Scopes.CompaniesRead }, needs: "company", moduleFills: new[] { "company_id" }),
        new ContractEndpoint("companies/{id}/jobs/summary", "/api/v1/companies/{company}/jobs/summary", typeof(CompanyJobSummary), false, new[] { Scopes.CompaniesRead }, needs: "company", moduleFills: new[] { "company_id" }),
        new ContractEndpoint("companies/{id}/webtech-intel", "/api/v1/companies/{company}/webtech-intel", typeof(CompanyTechnology), true, new[] { Scopes.CompaniesRead }, needs: "company", moduleFills: new[] { "company_id" }),
        new ContractEndpoint("companies/{id}/webtech-intel/summary", "/api/v1/companies/{company}/webtech-intel/summary", typeof(CompanyTechnologySummary), false, new[] { Scopes.CompaniesRead }, needs: "company", moduleFills: new[] { "company_id" }),
        new ContractEndpoint("prospects", "/api/v1/prospects", typeof(Prospect), true, new[] { Scopes.ProspectsRead }, needs: "search", provides: "prospect", query: "prospect_search_id"),
        new ContractEndpoint("prospects/{id}", "/api/v1/prospects/{prospect}", typeof(Prospect), false, new[] { Scopes.ProspectsRead }, needs: "prospect"),
        new ContractEndpoint("deliveries/{id}/companies", "/api/v1/deliveries/{search}/companies", typeof(Company), true, new[] { Scopes.CompaniesRead, Scopes.ProspectsRead }, needs: "search"),
        new ContractEndpoint("orders", "/api/v1/orders", typeof(Order), true, new[] { Scopes.OrdersRead }, provides: "order"),
        new ContractEndpoint("orders/{id}", "/api/v1/orders/{order}", typeof(Order), false, new[] { Scopes.OrdersRead }, needs: "order", provides: "completed-order"),
        new ContractEndpoint("orders/{id}/results", "/api/v1/orders/{completed-order}/results", typeof(OrderResult), true, new[] { Scopes.OrdersRead }, needs: "completed-order"),
        new ContractEndpoint("search-profile-creations/{id}", "/api/v1/search-profile-creations/{creation}", typeof(SearchProfileCreation), false, new[] { Scopes.OrdersRead }, needs: "creation"),
        new ContractEndpoint("blacklists", "/api/v1/blacklists", typeof(Blacklist), true, new[] { Scopes.BlacklistsRead }, provides: "blacklist"),
        new ContractEndpoint("blacklists/{id}", "/api/v1/blacklists/{blacklist}", typeof(Blacklist), false, new[] { Scopes.BlacklistsRead }, needs: "blacklist"),
        new ContractEndpoint("blacklists/{id}/entries", "/api/v1/blacklists/{blacklist}/entries", typeof(BlacklistEntry), true, new[] { Scopes.BlacklistsRead }, needs: "blacklist"),
        new ContractEndpoint("prospect-searches/{id}/blacklists", "/api/v1/prospect-searches/{search}/blacklists", typeof(Blacklist), true, new[] { Scopes.BlacklistsRead }, needs: "search"),
    };

    /// <summary>The endpoints whose ids <paramref name="endpoint"/> needs, nearest first.</summary>
    public static IEnumerable<ContractEndpoint> Parents(ContractEndpoint endpoint)
    {
        for (var e = endpoint; e.Needs is { } need;)
        {
            var parent = Endpoints.FirstOrDefault(p => p.Provides == need);
            if (parent is null) yield break;
            yield return parent;
            e = parent;
        }
    }

    /// <summary>The GET request for an endpoint, with its ids filled in; lists ask for one item.</summary>
    public static ApiRequest BuildRequest(ContractEndpoint endpoint, IReadOnlyDictionary<string, string> ids)
    {
        var path = endpoint.PathTemplate;
        foreach (var id in ids) path = path.Replace("{" + id.Key + "}", ApiRequest.Segment(id.Value));
        var request = new ApiRequest(HttpMethod.Get, path);
        if (endpoint.QueryTemplate is { } q) request.AddQuery(q, ids["search"]);
        if (endpoint.IsList) request.AddQuery("limit", "1");
        return request;
    }

    /// <summary>
    /// Compares an answer with the endpoint's model and fills in the result's verdict and field lists. Returns the
    /// first item (or the object itself), deserialized, so the caller can take the ids the next endpoints need.
    /// </summary>
    public static object? Compare(ContractEndpoint endpoint, JsonElement? answer, ApiContractResult result)
    {
        var type = Json.GetTypeInfo(endpoint.Model) ?? throw new InvalidOperationException($"No JSON metadata for {endpoint.Model}.");
        result.Model = endpoint.Model.FullName;
        var differs = new List<string>();
        var notes = new List<string>();
        var fields = new FieldReport();
        object? item = null;
        JsonElement? first = answer;

        if (answer is not { } root)
        {
            differs.Add("the answer is empty");
            first = null;
        }
        else if (endpoint.IsList)
        {
            first = null;
            var page = OpenProspectClient.ReadListPage(root);
            if (page is null)
                differs.Add($"no list in the answer: no array under items, orders or another single key (keys: {OpenProspectClient.DescribeKeys(root)})");
            else
            {
                result.ListKey = page.ListKey;
                if (page.ListKey.Length == 0) differs.Add("the answer is a bare array; the module reads an object with the array under items or orders");
                else if (!OpenProspectClient.KnownListKeys.Contains(page.ListKey)) differs.Add($"the list is under '{page.ListKey}'; the module reads items or orders");
                var envelopeKeys = Json.GetTypeInfo(typeof(ListEnvelope<>).MakeGenericType(endpoint.Model))!.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name);
                fields.Unknown.AddRange(page.Keys.Except(envelopeKeys).Where(k => k != page.ListKey).Select(k => "$." + k));
                if (page.Rows.Count > 0) first = page.Rows[0];
                else if (differs.Count == 0) notes.Add("the list is empty: no item to compare");
            }
        }

        if (first is { } element)
        {
            if (element.ValueKind != JsonValueKind.Object) differs.Add($"an item is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object");
            else
            {
                try
                {
                    item = JsonSerializer.Deserialize(element, type);
                }
                catch (JsonException ex)
                {
                    differs.Add($"the module cannot read it as {endpoint.Model.Name}: {ex.Message}");
                }
                fields.Check(element, type, item, "", endpoint.ModuleFills);
            }
        }

        result.MissingFields = fields.Missing.ToArray();
        result.AbsentFields = fields.Absent.ToArray();
        result.UnknownFields = fields.Unknown.ToArray();
        result.ZonelessTimestamps = fields.Zoneless.ToArray();
        if (fields.Missing.Count > 0) differs.Add($"required field(s) missing: {string.Join(", ", fields.Missing)}");
        if (fields.Zoneless.Count > 0) notes.Add($"timestamp(s) without a zone: {string.Join(", ", fields.Zoneless)}");
        if (fields.Unknown.Count > 0) notes.Add($"{fields.Unknown.Count} field(s) the module does not know, passed on as extra properties: {string.Join(", ", fields.Unknown)}");

        bool empty = endpoint.IsList && first is null && differs.Count == 0;
        result.Verdict = differs.Count > 0 ? "Differs" : empty ? "Skipped" : "Match";
        var reason = string.Join("; ", differs.Concat(notes));
        result.Reason = reason.Length == 0 ? null : char.ToUpperInvariant(reason[0]) + reason.Substring(1) + ".";
        return item;
    }

    /// <summary>The id an item gives to the endpoints after it (read through the model, so id aliases count).</summary>
    public static string? IdOf(ContractEndpoint endpoint, object? item) => endpoint.Provides switch
    {
        null => null,
        "completed-order" => item is Order { Status: "COMPLETED" } o ? o.Id : null,
        _ => item switch
        {
            ProspectSearch s => s.Id,
            Company c => c.Id,
            Prospect p => p.Id,
            Order o => o.Id,
            Blacklist b => b.Id,
            _ => null,
        } is { Length: > 0 } id ? id : null,
    };

    /// <summary>The field lists of one answer, nested models included (prospects[].email).</summary>
    private sealed class FieldReport
    {
        public readonly List<string> Missing = new();
        public readonly List<string> Absent = new();
        public readonly List<string> Unknown = new();
        public readonly List<string> Zoneless = new();

        public void Check(JsonElement obj, JsonTypeInfo type, object? item, string prefix, string[] moduleFills)
        {
            var model = ModelFields(type);
            foreach (var p in obj.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String && ZonelessTimestamp.IsMatch(p.Value.GetString()!)) Zoneless.Add(prefix + p.Name);
                if (!model.TryGetValue(p.Name, out var field))
                {
                    Unknown.Add(prefix + p.Name);
                    continue;
                }
                // One level into embedded models: the first element of a list of prospects, technologies ...
                var nested = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().FirstOrDefault() : p.Value;
                if (field.Nested is { } nestedType && nested.ValueKind == JsonValueKind.Object && prefix.Length == 0)
                    Check(nested, nestedType, null, p.Name + (p.Value.ValueKind == JsonValueKind.Array ? "[]." : "."), Array.Empty<string>());
            }
            foreach (var field in model.Values)
            {
                if (field.IsAlias || obj.TryGetProperty(field.Info.Name, out _) || moduleFills.Contains(field.Info.Name)) continue;
                // An id sent under an alias the model reads (order_id for id) is not missing.
                bool filled = item is not null && !field.Info.PropertyType.IsValueType && field.Info.Get?.Invoke(item) is { } v && !(v is string s && s.Length == 0);
                if (filled) continue;
                (field.Required ? Missing : Absent).Add(prefix + field.Info.Name);
            }
        }
    }

    private sealed class ModelField
    {
        public JsonPropertyInfo Info = null!;
        public bool Required;
        public bool IsAlias;
        public JsonTypeInfo? Nested;
    }

    /// <summary>A model's fields by wire name, from its JSON metadata, with what its C# declaration says about each.</summary>
    private static Dictionary<string, ModelField> ModelFields(JsonTypeInfo type)
    {
        // The metadata gives wire names; the CLR properties give nullability and visibility (an internal property is an alias).
        var clr = type.Type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .GroupBy(WireName).ToDictionary(g => g.Key, g => g.First());
        var fields = new Dictionary<string, ModelField>(StringComparer.Ordinal);
        foreach (var info in type.Properties)
        {
            clr.TryGetValue(info.Name, out var property);
            // Computed conveniences ([JsonIgnore] CompanyId => Id) are in the metadata but never on the wire.
            if (info.IsExtensionData || property?.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always }) continue;
            bool alias = property?.GetMethod?.IsPublic != true;
            var element = info.PropertyType.IsArray ? info.PropertyType.GetElementType()
                : info.PropertyType.IsGenericType && info.PropertyType.GetGenericTypeDefinition() == typeof(List<>) ? info.PropertyType.GetGenericArguments()[0]
                : info.PropertyType;
            var nested = typeof(ApiObject).IsAssignableFrom(element) ? Json.GetTypeInfo(element!) : null;
            fields[info.Name] = new ModelField { Info = info, Required = !alias && property is not null && IsNonNullable(property), IsAlias = alias, Nested = nested };
        }
        return fields;
    }

    private static string WireName(PropertyInfo p) =>
        p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name);

    /// <summary>Whether the C# declaration rules out null: a plain value type, or a reference marked not-null by the compiler.</summary>
    private static bool IsNonNullable(PropertyInfo p)
    {
        if (p.PropertyType.IsValueType) return Nullable.GetUnderlyingType(p.PropertyType) is null;
        var flag = NullableFlag(p.CustomAttributes, "System.Runtime.CompilerServices.NullableAttribute");
        for (var t = p.DeclaringType; flag is null && t is not null; t = t.DeclaringType)
            flag = NullableFlag(t.CustomAttributes, "System.Runtime.CompilerServices.NullableContextAttribute");
        return flag == 1;   // 1 = not null, 2 = may be null, 0 = not annotated
    }

    private static byte? NullableFlag(IEnumerable<CustomAttributeData> attributes, string name)
    {
        var a = attributes.FirstOrDefault(x => x.AttributeType.FullName == name);
        if (a is null || a.ConstructorArguments.Count == 0) return null;
        var value = a.ConstructorArguments[0].Value;
        return value switch
        {
            byte b => b,
            IReadOnlyCollection<CustomAttributeTypedArgument> list when list.Count > 0 => (byte)list.First().Value!,
            _ => null,
        };
    }
}
