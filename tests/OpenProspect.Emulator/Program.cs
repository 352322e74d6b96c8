using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenProspect.Emulator.Areas;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

// The local emulator of the OpenProspect API. Start: dotnet OpenProspect.Emulator.dll --urls http://127.0.0.1:0
// It prints one line "LISTENING <url>" once it accepts connections. Options: --seed N, --rate-limit N, --rate-window-sec N.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var config = builder.Configuration;
var state = new EmulatorState(config.GetValue("seed", 1));
var limiter = new RateLimiter(config.GetValue("rate-limit", 0), config.GetValue("rate-window-sec", 60));
var recorder = new RequestRecorder();
var idempotency = new Idempotency();

var app = builder.Build();

// Both /api/v1/x and /api/v1/x/ reach the same endpoint (older docs write the slash).
app.Use((ctx, next) =>
{
    var path = ctx.Request.Path.Value;
    if (path is { Length: > 1 } && path.EndsWith('/')) ctx.Request.Path = path.TrimEnd('/');
    return next(ctx);
});
recorder.Middleware(app);
app.UseApiKeyAuthentication(state, limiter);
idempotency.Middleware(app);
app.UseRouting();

AuthEndpoints.Map(app);
BlacklistEndpoints.Map(app, state);
ControlEndpoints.Map(app, state, recorder, idempotency);
app.MapFallback("/api/v1/{**rest}", (HttpContext ctx) =>
    ApiErrors.Error(404, "NOT_FOUND", $"No endpoint {ctx.Request.Method} {ctx.Request.Path}"));

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
    Console.WriteLine("LISTENING " + addresses.First());
    Console.Out.Flush();
});
app.Run();
