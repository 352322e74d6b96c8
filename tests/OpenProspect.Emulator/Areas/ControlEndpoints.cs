using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// The control plane under /_emulator: no authentication, never recorded, not part of the real API.
/// Tests and the demo use it to read the seeded keys, inspect requests and reset state.
/// </summary>
public static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state, RequestRecorder recorder, Idempotency idempotency)
    {
        var control = app.MapGroup("/_emulator");
        control.MapGet("/health", () => Json.Ok(new { status = "ok" }));
        control.MapGet("/keys", () =>
        {
            lock (state.Gate)
                return Json.Ok(state.Keys.Select(k => new
                {
                    name = k.Name, key = k.Key, scopes = k.Scopes, organization = OrgName(state, k.OrganizationId),
                    expires_at = k.ExpiresAt, revoked = k.Revoked,
                }).ToArray());
        });
        control.MapPost("/keys/{name}/revoke", (string name) =>
        {
            lock (state.Gate)
            {
                var key = state.Keys.FirstOrDefault(k => k.Name == name);
                if (key is null) return ApiErrors.Error(404, "NOT_FOUND", $"No seeded key is named '{name}'");
                key.Revoked = true;
                return Results.NoContent();
            }
        });
        control.MapGet("/prospect-searches", () =>
        {
            lock (state.Gate)
                return Json.Ok(state.ProspectSearches.Select(p => new
                {
                    id = p.Id, name = p.Name, status = p.Status, organization = OrgName(state, p.OrganizationId),
                }).ToArray());
        });
        control.MapGet("/requests", () => Json.Ok(recorder.Snapshot()));
        control.MapDelete("/requests", () =>
        {
            recorder.Clear();
            return Results.NoContent();
        });
        control.MapPost("/reset", () =>
        {
            state.Reset();
            recorder.Clear();
            idempotency.Clear();
            return Results.NoContent();
        });
    }

    private static string OrgName(EmulatorState state, Guid id) => state.Organizations.First(o => o.Id == id).Name;
}
