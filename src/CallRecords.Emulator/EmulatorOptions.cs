using System.Globalization;

namespace CallRecords.Emulator;

/// <summary>
/// The emulator's command line. Unknown flags are an error (exit code 2), so a typo never silently runs a
/// different tenant than the one a test or benchmark asked for.
/// </summary>
public sealed class EmulatorOptions
{
    public const string Usage =
        "Usage: CallRecords.Emulator --urls http://127.0.0.1:PORT [--seed N] [--now ISO] [--clock-skew T] [--users N] [--days N] " +
        "[--calls-per-day N] [--large-meeting-sessions N] [--token T] [--latency-ms N] [--time-scale F] [--throttle on|off] [--log-collection query|function] [--fault-429 P] " +
        "[--fault-503 P] [--fault-reset P] [--fault-truncate P] [--identity-header H] [--pstn-rows-per-day N] [--dr-rows-per-day N] " +
        "[--sms-rows-per-day N] [--blocked-user-rows-per-day N] " +
        "[--wrong-client-state P] [--record-delay-minutes N] [--revision-share P] [--log-delay-hours N] " +
        "[--deny-permissions on|off] [--tenant-id GUID] [--participants-v2 on|off] [--trace-routes on|off] [--client-secret S] [--client-certificate PATH.cer] [--Kestrel:Certificates:Default:Path=PFX --Kestrel:Certificates:Default:Password=PW]";

    public int Seed { get; private set; } = 1;

    /// <summary>
    /// Gets the tenant's data clock at start: records are visible once ended before it, and retention counts back from
    /// it. Without --now, 00:00 UTC of today on Graph's clock (<see cref="GraphNow"/>).
    /// </summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Gets how far Graph's clock (its Date header, its checks of subscription expiry) runs from this machine's.</summary>
    public TimeSpan ClockSkew { get; private set; }

    /// <summary>Gets Graph's clock now: this machine's plus --clock-skew. It ticks; the data clock (<see cref="Now"/>) moves only when told.</summary>
    public DateTimeOffset GraphNow => DateTimeOffset.UtcNow + ClockSkew;

    public int Users { get; private set; } = 50;

    /// <summary>Gets how many days of call-record history are generated; only the last 30 are visible.</summary>
    public int Days { get; private set; } = 30;

    public int CallsPerDay { get; private set; } = 200;

    /// <summary>Gets the sessions (and participants) of one more meeting each day, a town hall; 0 for none.</summary>
    public int LargeMeetingSessions { get; private set; }

    /// <summary>Gets the bearer token every Graph request must carry; null accepts any non-empty token.</summary>
    public string? Token { get; private set; }

    public int LatencyMs { get; private set; }

    /// <summary>Gets the factor on latency, throttling windows and Retry-After, so benchmarks can be compressed.</summary>
    public double TimeScale { get; private set; } = 1;

    public bool Throttle { get; private set; } = true;

    /// <summary>
    /// Gets whether the PSTN-type logs' per-collection limit (50 / 60 s) counts each query (one function call and its
    /// nextLinks) on its own, or every query of a function together. Graph's docs do not say which.
    /// </summary>
    public bool LogCollectionPerFunction { get; private set; }

    public double Fault429 { get; private set; }

    public double Fault503 { get; private set; }

    public double FaultReset { get; private set; }

    public double FaultTruncate { get; private set; }

    /// <summary>Gets the secret the managed identity endpoint expects in X-IDENTITY-HEADER.</summary>
    public string IdentityHeader { get; private set; } = "emulator-identity-header";

    public int PstnRowsPerDay { get; private set; } = 300;

    public int DirectRoutingRowsPerDay { get; private set; } = 300;

    /// <summary>Gets how many rows a day the beta SMS log has.</summary>
    public int SmsRowsPerDay { get; private set; } = 200;

    /// <summary>Gets how many users a day are blocked or unblocked in the beta PSTN blocked users log.</summary>
    public int BlockedUserRowsPerDay { get; private set; } = 4;

    /// <summary>Gets the share of change notifications sent with a clientState that is not the subscription's, as a forger's would be.</summary>
    public double WrongClientState { get; private set; }

    /// <summary>Gets whether every Graph request is refused with 403, as for an app without the permission.</summary>
    public bool DenyPermissions { get; private set; }

    /// <summary>Gets the client secret the Entra token endpoint accepts (client credentials); null refuses secrets.</summary>
    public string? ClientSecret { get; private set; }

    /// <summary>Gets the path of the public certificate whose key signs accepted client assertions; null refuses certificates.</summary>
    public string? ClientCertificatePath { get; private set; }

    /// <summary>Gets the tenant: the tid of the tokens the emulator issues, the tenant of its own users and of its notifications.</summary>
    public string TenantId { get; private set; } = "dc368399-474c-4d40-900c-6265431fd81f";

    /// <summary>
    /// Gets the bearer token the emulator hands out (managed identity, token endpoint): --token, or an unsigned JWT that
    /// names the tenant (tid), the app and the role, as Entra's tokens do. Graph checks signatures; the emulator does not.
    /// </summary>
    public string IssuedToken => Token ?? UnsignedJwt.For(TenantId, $"emulator-app-{Seed.ToString(CultureInfo.InvariantCulture)}", "CallRecords.Read.All");

    /// <summary>Gets how long after its call ends a generated record becomes visible (Graph: up to 150 minutes).</summary>
    public TimeSpan RecordDelay { get; private set; }

    /// <summary>Gets the share of generated records that get one more version some hours after they become visible.</summary>
    public double RevisionShare { get; private set; }

    /// <summary>Gets how long after a call starts (an SMS is sent, a user is blocked) its log rows become visible (Graph: up to 48 hours for PSTN and Direct Routing).</summary>
    public TimeSpan LogDelay { get; private set; }

    /// <summary>
    /// Gets whether Graph here has participants_v2: it is in the global cloud only, and elsewhere (US Government) the
    /// segment, its $expand and its $filter are refused and records carry the deprecated participants instead.
    /// </summary>
    public bool ParticipantsV2 { get; private set; } = true;

    /// <summary>Gets whether Microsoft support has turned trace routes on for the tenant; otherwise traceRouteHops is always empty, as on Graph.</summary>
    public bool TraceRoutes { get; private set; }

    /// <summary>Reads the emulator's flags and returns the ones left for ASP.NET (--urls); throws ArgumentException on a bad one.</summary>
    public static (EmulatorOptions Options, string[] HostArguments) Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var host = new List<string>();
        DateTimeOffset? now = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? inline = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));

            switch (name)
            {
                case "--urls":
                    host.Add("--urls");
                    host.Add(Value());
                    break;
                case "--seed": options.Seed = Integer(name, Value(), int.MinValue); break;
                case "--now": now = Instant(name, Value()); break;
                case "--clock-skew": options.ClockSkew = Duration(name, Value()); break;
                case "--users": options.Users = Integer(name, Value(), 2); break;
                case "--days": options.Days = Integer(name, Value(), 1); break;
                case "--calls-per-day": options.CallsPerDay = Integer(name, Value(), 1); break;
                case "--large-meeting-sessions": options.LargeMeetingSessions = Integer(name, Value(), 0); break;
                case "--token": options.Token = Value(); break;
                case "--latency-ms": options.LatencyMs = Integer(name, Value(), 0); break;
                case "--time-scale": options.TimeScale = Scale(name, Value()); break;
                case "--throttle": options.Throttle = OnOff(name, Value()); break;
                case "--log-collection": options.LogCollectionPerFunction = LogCollection(name, Value()); break;
                case "--fault-429": options.Fault429 = Probability(name, Value()); break;
                case "--fault-503": options.Fault503 = Probability(name, Value()); break;
                case "--fault-reset": options.FaultReset = Probability(name, Value()); break;
                case "--fault-truncate": options.FaultTruncate = Probability(name, Value()); break;
                case "--identity-header": options.IdentityHeader = Value(); break;
                case "--pstn-rows-per-day": options.PstnRowsPerDay = Integer(name, Value(), 0); break;
                case "--dr-rows-per-day": options.DirectRoutingRowsPerDay = Integer(name, Value(), 0); break;
                case "--sms-rows-per-day": options.SmsRowsPerDay = Integer(name, Value(), 0); break;
                case "--blocked-user-rows-per-day": options.BlockedUserRowsPerDay = Integer(name, Value(), 0); break;
                case "--wrong-client-state": options.WrongClientState = Probability(name, Value()); break;
                case "--client-secret": options.ClientSecret = Value(); break;
                case "--deny-permissions": options.DenyPermissions = OnOff(name, Value()); break;
                case "--client-certificate": options.ClientCertificatePath = Value(); break;
                case var kestrel when kestrel.StartsWith("--Kestrel:", StringComparison.Ordinal):
                    // Kestrel settings (an https endpoint's certificate) go to ASP.NET as they are.
                    host.Add(kestrel + "=" + Value());
                    break;
                case "--record-delay-minutes": options.RecordDelay = TimeSpan.FromMinutes(Integer(name, Value(), 0)); break;
                case "--revision-share": options.RevisionShare = Probability(name, Value()); break;
                case "--log-delay-hours": options.LogDelay = TimeSpan.FromHours(Integer(name, Value(), 0)); break;
                case "--tenant-id": options.TenantId = Guid.TryParse(Value(), out var tenant) ? tenant.ToString() : throw new ArgumentException($"{name} takes a GUID."); break;
                case "--participants-v2": options.ParticipantsV2 = OnOff(name, Value()); break;
                case "--trace-routes": options.TraceRoutes = OnOff(name, Value()); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        options.Now = now ?? new DateTimeOffset(options.GraphNow.UtcDateTime.Date, TimeSpan.Zero);
        if (options.Fault429 + options.Fault503 + options.FaultReset + options.FaultTruncate > 1)
        {
            throw new ArgumentException("The fault probabilities add up to more than 1.");
        }

        return (options, host.ToArray());
    }

    /// <summary>Scales a duration of the real Graph to this run's clock.</summary>
    public TimeSpan Scaled(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeScale));

    private static int Integer(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new ArgumentException($"{name} takes a whole number of at least {minimum}, not '{value}'.");

    private static double Scale(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number)
            ? number
            : throw new ArgumentException($"{name} takes a number above 0, not '{value}'.");

    private static double Probability(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 1
            ? number
            : throw new ArgumentException($"{name} takes a probability from 0 to 1, not '{value}'.");

    private static bool OnOff(string name, string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"{name} takes on or off, not '{value}'."),
    };

    private static bool LogCollection(string name, string value) => value switch
    {
        "query" => false,
        "function" => true,
        _ => throw new ArgumentException($"{name} takes query or function, not '{value}'."),
    };

    /// <summary>A signed duration as .NET writes it (-03:00:00, 1.02:00:00) or in ISO 8601 (-PT3H).</summary>
    private static TimeSpan Duration(string name, string value)
    {
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        try
        {
            return System.Xml.XmlConvert.ToTimeSpan(value);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{name} takes a duration such as -03:00:00 or -PT3H, not '{value}'.");
        }
    }

    private static DateTimeOffset Instant(string name, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new ArgumentException($"{name} takes an ISO 8601 date and time, not '{value}'.");
}
