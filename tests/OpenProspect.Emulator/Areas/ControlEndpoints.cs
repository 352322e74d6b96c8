using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// The control plane under /_emulator: not part of the real API, no authentication, never recorded.
/// Tests, the demo and build.ps1 use it to read the seeded keys and searches, inspect requests and reset state.
/// </summary>
public static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator");
        control.MapGet("/health", () => Json.Ok(new { status = "ok" }));
        control.MapGet("/organizations", Organizations);
        control.MapGet("/keys", Keys);
        control.MapPost("/keys/{name}/revoke", Revoke);
        control.MapGet("/prospect-searches", ProspectSearches);
        control.MapGet("/requests", ([FromServices] RequestRecorder recorder) => Json.Ok(recorder.Snapshot()));
        control.MapDelete("/requests", ([FromServices] RequestRecorder recorder) =>
        {
            recorder.Clear();
            return Results.NoContent();
        });
        control.MapPost("/reset", Reset);
        control.MapGet("/options", ([FromServices] Dialect dialect, [FromServices] Idempotency idempotency) => Json.Ok(OptionsJson(dialect, idempotency)));
        control.MapPatch("/options", SetOptions);
        SearchProfileEndpoints.MapControl(control);   // GET /profiles, POST /profile-creations/{id}/status
        OrderEndpoints.MapControl(control);           // POST /orders/{id}/status
    }

    private static IResult Organizations([FromServices] EmulatorState state) =>
        Json.Ok(state.Organizations.Select(o => new { id = o.Id, name = o.Name }).ToArray());

    // organization is the name (readable in tables); organization_id the id.
    private static IResult Keys([FromServices] EmulatorState state)
    {
        lock (state.Gate)
            return Json.Ok(state.Keys.Select(k => new
            {
                name = k.Name,
                key = k.Key,
                scopes = k.Scopes,
                organization = state.OrganizationName(k.OrganizationId),
                organization_id = k.OrganizationId,
                expires_at = k.ExpiresAt,
                revoked = k.Revoked,
            }).ToArray());
    }

    private static IResult Revoke(string name, [FromServices] EmulatorState state)
    {
        lock (state.Gate)
        {
            var key = state.FindKeyByName(name);
            if (key is null) return ApiErrors.NotFound($"No seeded key is named '{name}'.");
            key.Revoked = true;
            return Results.NoContent();
        }
    }

    private static IResult ProspectSearches([FromServices] EmulatorState state)
    {
        lock (state.Gate)
            return Json.Ok(state.ProspectSearches.Select(p => new
            {
                id = p.Id,
                name = p.Name,
                status = p.Status,
                version = p.Version,
                ideal_customer_profile = p.IdealCustomerProfile,
                organization = state.OrganizationName(p.OrganizationId),
                organization_id = p.OrganizationId,
                created_at = p.CreatedAt,
                updated_at = p.UpdatedAt,
            }).ToArray());
    }

    private static object OptionsJson(Dialect dialect, Idempotency idempotency) =>
        new { dialect = dialect.Option.Value, idempotency = idempotency.Mode.Value };

    // PATCH /_emulator/options {dialect?: standard|alternate, idempotency?: documented|all} → 200 the options now in force;
    // a reset returns to the values the process was started with.
    private static async Task<IResult> SetOptions(HttpContext ctx, [FromServices] Dialect dialect, [FromServices] Idempotency idempotency)
    {
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var changes = new List<(RuntimeOption Option, string Value)>();
        foreach (var option in new[] { dialect.Option, idempotency.Mode })
        {
            var value = Body.OptionalString(body, option.Name, option.Name, problems, out _);
            if (value is null) continue;
            if (option.Problem(value) is { } problem) problems.Add(problem);
            else changes.Add((option, value));
        }
        if (problems.Count > 0) return ApiErrors.Validation("The options are not valid.", problems);
        foreach (var (option, value) in changes) option.Value = value;
        return Json.Ok(OptionsJson(dialect, idempotency));
    }

    // Back to the seed: keys un-revoked, no blacklists, assignments, orders or profile creations (the seeded
    // profiles are back), the id sequence restarted; the request record, stored idempotent answers and
    // rate-limit windows are cleared too, and the dialect and idempotency mode are the start-up ones again.
    private static IResult Reset([FromServices] EmulatorState state, [FromServices] RequestRecorder recorder,
        [FromServices] Idempotency idempotency, [FromServices] RateLimiter limiter,
        [FromServices] CompanyStore companies, [FromServices] FaultInjector faults, [FromServices] Dialect dialect)
    {
        state.Reset();
        companies.Reset();   // seeded companies only, no run-time deliveries
        faults.Clear();
        idempotency.Reset();
        dialect.Option.Reset();
        limiter.Clear();
        recorder.Clear();
        return Results.NoContent();
    }
}
