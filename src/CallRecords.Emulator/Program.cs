using CallRecords.Emulator;

EmulatorOptions options;
string[] hostArguments;
try
{
    (options, hostArguments) = EmulatorOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EmulatorOptions.Usage);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(hostArguments);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

// The slim builder leaves https out; the Entra token endpoint needs it (MSAL talks to authorities over https only).
builder.WebHost.UseKestrelHttpsConfiguration();
var app = builder.Build();

// Graph's clock runs --clock-skew from this machine's: every response's Date header says so (Kestrel's says the machine's).
if (options.ClockSkew != TimeSpan.Zero)
{
    app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Date = options.GraphNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    });
}

var tenant = new Tenant(options);
var logs = new CallLogs(tenant);
var stats = new Stats();
var throttling = new Throttling(options);
var subscriptions = new SubscriptionStore(options, tenant.ApplicationId);
var webhooks = new Webhooks(stats);
ControlRoutes.Map(app, tenant, logs, stats, throttling, subscriptions);
NotificationRoutes.Map(app, tenant, subscriptions, new ChangeNotifications(subscriptions, webhooks, options));
IdentityRoutes.Map(app, options);
var graph = new GraphRoutes(tenant, logs, stats, throttling, new SubscriptionRoutes(subscriptions, webhooks));
app.Map("/v1.0/{**path}", graph.HandleAsync);
app.Map("/beta/{**path}", graph.HandleAsync);

// Graph answers other versions (v2.0) with an error body too.
app.MapFallback((HttpContext context) => JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"Invalid version or path '{context.Request.Path}'. The emulator serves /v1.0/communications/callRecords and the beta call log functions."));

// Once Kestrel has bound, app.Urls holds the real addresses, with the port the system chose for port 0.
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(ReadyLine.Format(app.Urls, options)));
await app.RunAsync();
return 0;
