using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// Contract drift: makes successful API answers differ from the documented shapes the way a newer (or older) real
/// API might, so a test can show that Test-OPApiContract names the difference. Control plane (no key, not part of
/// the real API):
/// <list type="bullet">
/// <item><c>POST /_emulator/drift</c> <c>{path_prefix, method?, rename_list_key?: {from, to}, add_field?: {name, value},
/// drop_field?: name}</c> → 201 the rule with its id</item>
/// <item><c>GET /_emulator/drift</c> → the rules; <c>DELETE /_emulator/drift</c> → 204, no rules (also on reset)</item>
/// </list>
/// A rule applies to 2xx JSON answers of authenticated API requests whose path (trailing slash removed) starts with
/// <c>path_prefix</c> (case-insensitive). A list answer (an array under items, orders or the renamed key) gets the
/// field changes on every item; any other object answer on itself. Several rules apply in the order they were added.
/// </summary>
public sealed class ContractDrift
{
    public sealed record Rule(int Id, string PathPrefix, string? Method, string? RenameFrom, string? RenameTo,
        string? AddName, JsonNode? AddValue, string? DropField)
    {
        public object ToJson() => new
        {
            id = Id, path_prefix = PathPrefix, method = Method,
            rename_list_key = RenameFrom is null ? null : new { from = RenameFrom, to = RenameTo },
            add_field = AddName is null ? null : new { name = AddName, value = AddValue },
            drop_field = DropField,
        };
    }

    private static readonly string[] ListKeys = { "items", "orders" };
    private readonly List<Rule> _rules = new();
    private int _nextId;

    public Rule[] Snapshot()
    {
        lock (_rules) return _rules.ToArray();
    }

    public void Clear()
    {
        lock (_rules) _rules.Clear();
    }

    private Rule Add(Func<int, Rule> make)
    {
        lock (_rules)
        {
            var rule = make(++_nextId);
            _rules.Add(rule);
            return rule;
        }
    }

    private Rule[] Matching(string method, string path)
    {
        lock (_rules)
            return _rules.Where(r => path.StartsWith(r.PathPrefix, StringComparison.OrdinalIgnoreCase)
                && (r.Method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))).ToArray();
    }

    /// <summary>The answer with every rule applied, or null when nothing changed (not JSON, not an object).</summary>
    private static byte[]? Rewrite(byte[] body, Rule[] rules)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(body); }
        catch (JsonException) { return null; }
        if (root is not JsonObject obj) return null;
        foreach (var rule in rules)
        {
            if (rule.RenameFrom is { } from && rule.RenameTo is { } to && obj.ContainsKey(from) && !obj.ContainsKey(to))
            {
                // Rebuilt in order, so the renamed key stays where the old one was.
                var entries = obj.ToList();
                obj.Clear();
                foreach (var (key, value) in entries) obj[key == from ? to : key] = value;
            }
            // A list answer carries its array under items, orders or a renamed key; other arrays (a company's
            // prospects) are fields of the object itself.
            var list = ListKeys.Concat(rules.Select(r => r.RenameTo)).Select(k => k is null ? null : obj[k] as JsonArray).FirstOrDefault(a => a is not null);
            var targets = list is null ? new[] { obj } : list.OfType<JsonObject>().ToArray();
            foreach (var target in targets)
            {
                if (rule.DropField is { } drop) target.Remove(drop);
                if (rule.AddName is { } add) target[add] = rule.AddValue?.DeepClone();
            }
        }
        return JsonSerializer.SerializeToUtf8Bytes(root, Json.Options);
    }

    /// <summary>Rewrites matching answers; registered after routing, so the path is already without its trailing slash.</summary>
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var rules = ctx.IsApiPath() ? Matching(ctx.Request.Method, ctx.Request.Path.Value ?? "") : Array.Empty<Rule>();
        if (rules.Length == 0)
        {
            await next(ctx);
            return;
        }
        var bytes = await ctx.RunCapturedAsync(next);
        bool json = ctx.Response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (ctx.Response.StatusCode is >= 200 and < 300 && json && Rewrite(bytes, rules) is { } rewritten) bytes = rewritten;
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes);
    }

    // POST /_emulator/drift → 201 the rule
    private async Task<IResult> AddRule(HttpContext ctx)
    {
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var prefix = Body.OptionalString(body, "path_prefix", "path_prefix", problems, out _);
        if (prefix is null || !prefix.StartsWith('/'))
            problems.Add(new ValidationProblem("path_prefix", "is required and starts with / (e.g. /api/v1/companies)", prefix));
        var method = Body.OptionalString(body, "method", "method", problems, out _);
        string? from = null, to = null, addName = null;
        JsonNode? addValue = null;
        if (body.TryGetProperty("rename_list_key", out var rename) && rename.ValueKind != JsonValueKind.Null)
        {
            from = rename.ValueKind == JsonValueKind.Object ? Body.OptionalString(rename, "from", "rename_list_key.from", problems, out _) : null;
            to = rename.ValueKind == JsonValueKind.Object ? Body.OptionalString(rename, "to", "rename_list_key.to", problems, out _) : null;
            if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to)) problems.Add(new ValidationProblem("rename_list_key", "must be {from, to} with two names"));
        }
        if (body.TryGetProperty("add_field", out var add) && add.ValueKind != JsonValueKind.Null)
        {
            addName = add.ValueKind == JsonValueKind.Object ? Body.OptionalString(add, "name", "add_field.name", problems, out _) : null;
            if (string.IsNullOrEmpty(addName)) problems.Add(new ValidationProblem("add_field", "must be {name, value}"));
            else if (add.TryGetProperty("value", out var v)) addValue = JsonNode.Parse(v.GetRawText());
        }
        var drop = Body.OptionalString(body, "drop_field", "drop_field", problems, out _);
        if (from is null && addName is null && drop is null && problems.Count == 0)
            problems.Add(new ValidationProblem("body", "needs rename_list_key, add_field or drop_field"));
        if (problems.Count > 0) return ApiErrors.Validation("The drift rule is not valid.", problems);
        var rule = Add(id => new Rule(id, prefix!.TrimEnd('/'), method, from, to, addName, addValue, drop));
        return Json.Ok(rule.ToJson(), StatusCodes.Status201Created);
    }

    /// <summary>The rewriting middleware and the /_emulator/drift control endpoints; a reset also clears the rules.</summary>
    public static void Use(WebApplication app)
    {
        var drift = new ContractDrift();
        app.Use(async (ctx, next) =>
        {
            await drift.InvokeAsync(ctx, next);
            if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.Equals("/_emulator/reset", StringComparison.OrdinalIgnoreCase)) drift.Clear();
        });
        var control = app.MapGroup("/_emulator/drift");
        control.MapPost("", (Func<HttpContext, Task<IResult>>)drift.AddRule);
        control.MapGet("", () => Json.Ok(drift.Snapshot().Select(r => r.ToJson()).ToArray()));
        control.MapDelete("", () =>
        {
            drift.Clear();
            return Results.NoContent();
        });
    }
}
