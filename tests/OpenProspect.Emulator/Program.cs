using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenProspect.Emulator.Areas;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

// The local emulator of the OpenProspect API (see README.md).
//   dotnet OpenProspect.Emulator.dll --urls http://127.0.0.1:0 [--seed 1] [--rate-limit 0] [--rate-window-sec 60] [--companies 1500]
//   [--order-seconds 3] [--profile-seconds 2] [--dialect standard|alternate] [--idempotency documented|all]
// Prints exactly one line, "LISTENING <url>", once it accepts connections; SIGTERM or Ctrl+C stops it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

int seed, rateLimit, rateWindowSec, companies;
double orderSeconds, profileSeconds;
Dialect dialect;
Idempotency idempotency;
try
{
    seed = IntOption(builder.Configuration, "seed", 1, int.MinValue);
    rateLimit = IntOption(builder.Configuration, "rate-limit", 0, 0);
    rateWindowSec = IntOption(builder.Configuration, "rate-window-sec", 60, 1);
    companies = IntOption(builder.Configuration, "companies", CompanyStore.DefaultSeededCompanies, 0);
    if (companies > CompanyStore.MaxSeededCompanies) throw new ArgumentException($"--companies must be at most {CompanyStore.MaxSeededCompanies}; got {companies}.");
    orderSeconds = SecondsOption(builder.Configuration, "order-seconds", 3);
    profileSeconds = SecondsOption(builder.Configuration, "profile-seconds", 2);
    dialect = new Dialect(builder.Configuration["dialect"] ?? Dialect.Standard);
    idempotency = new Idempotency(builder.Configuration["idempotency"] ?? Idempotency.Documented);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

builder.Services.AddSingleton(new EmulatorState(seed));
builder.Services.AddSingleton(new RateLimiter(rateLimit, rateWindowSec));
builder.Services.AddSingleton(idempotency);   // Idempotency-Key where documented, or on every POST
builder.Services.AddSingleton(dialect);       // standard, or the alternate shapes
builder.Services.AddSingleton<RequestRecorder>();
builder.Services.AddSingleton(new CompanyStore(seed, companies));   // generated companies, prospects, deliveries
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton(new OrderTiming(orderSeconds, profileSeconds));

var app = builder.Build();

// Order matters: it gives the documented precedence 401 → 429 → 403 → (handler) 422 → 404.
app.UseRequestRecorder();              // records everything outside /_emulator, path as sent
app.UseErrorEnvelope();                // unknown route 404, 405, 500 as the flat error envelope
app.UseDialectRedirects();             // alternate dialect: 307 /api/v1/x → /api/v1/x/
app.UseTrailingSlashNormalization();   // /api/v1/x/ == /api/v1/x
app.UseApiKeyAuthentication();         // 401 for /api/v1
app.UseFaultInjection();               // injected failures (POST /_emulator/faults)
app.UseRateLimit();                    // 429 when --rate-limit is set
app.UseRouting();
app.UseScopeCheck();                   // 403 from the endpoint's RequireScopes
app.UseIdempotency();                  // Idempotency-Key on POST: replay or 409
ContractDrift.Use(app);                // answers rewritten as a drifted API would (POST /_emulator/drift)

AuthEndpoints.Map(app);
BlacklistEndpoints.Map(app);
ProspectSearchBlacklistEndpoints.Map(app);
SearchProfileEndpoints.Map(app);
OrderEndpoints.Map(app);
ProspectSearchEndpoints.Map(app);
CompanyEndpoints.Map(app);
ProspectEndpoints.Map(app);
DeliveryEndpoints.Map(app);
ControlEndpoints.Map(app);
CompanyControlEndpoints.Map(app);

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

static double SecondsOption(IConfiguration config, string name, double fallback)
{
    var text = config[name];
    if (string.IsNullOrWhiteSpace(text)) return fallback;
    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
        throw new ArgumentException($"--{name} must be a number of seconds of at least 0; got '{text}'.");
    return value;
}
