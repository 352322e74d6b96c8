using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenProspect.Emulator.Areas;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

// The local emulator of the OpenProspect API (see README.md).
//   dotnet OpenProspect.Emulator.dll --urls http://127.0.0.1:0 [--seed 1] [--rate-limit 0] [--rate-window-sec 60]
// Prints exactly one line, "LISTENING <url>", once it accepts connections; SIGTERM or Ctrl+C stops it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

int seed, rateLimit, rateWindowSec;
try
{
    seed = IntOption(builder.Configuration, "seed", 1, int.MinValue);
    rateLimit = IntOption(builder.Configuration, "rate-limit", 0, 0);
    rateWindowSec = IntOption(builder.Configuration, "rate-window-sec", 60, 1);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

builder.Services.AddSingleton(new EmulatorState(seed));
builder.Services.AddSingleton(new RateLimiter(rateLimit, rateWindowSec));
builder.Services.AddSingleton<Idempotency>();
builder.Services.AddSingleton<RequestRecorder>();

var app = builder.Build();

// Order matters: it gives the documented precedence 401 → 429 → 403 → (handler) 422 → 404.
app.UseRequestRecorder();              // records everything outside /_emulator, path as sent
app.UseErrorEnvelope();                // unknown route 404, 405, 500 as the flat error envelope
app.UseTrailingSlashNormalization();   // /api/v1/x/ == /api/v1/x
app.UseApiKeyAuthentication();         // 401 for /api/v1
app.UseRateLimit();                    // 429 when --rate-limit is set
app.UseRouting();
app.UseScopeCheck();                   // 403 from the endpoint's RequireScopes
app.UseIdempotency();                  // Idempotency-Key on POST: replay or 409

AuthEndpoints.Map(app);
BlacklistEndpoints.Map(app);
ProspectSearchBlacklistEndpoints.Map(app);
ControlEndpoints.Map(app);

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
    Console.Out.WriteLine("LISTENING " + (addresses?.FirstOrDefault() ?? "(unknown)"));
    Console.Out.Flush();
});

await app.RunAsync();
return 0;

static int IntOption(IConfiguration config, string name, int fallback, int min)
{
    var text = config[name];
    if (string.IsNullOrWhiteSpace(text)) return fallback;
    if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min)
        throw new ArgumentException($"--{name} must be an integer{(min > int.MinValue ? $" of at least {min}" : "")}; got '{text}'.");
    return value;
}
