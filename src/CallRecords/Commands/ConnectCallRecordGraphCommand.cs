using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Signs in to Microsoft Graph for the call records commands.</summary>
[Cmdlet(VerbsCommunications.Connect, "CallRecordGraph", DefaultParameterSetName = ClientSecretSet)]
[OutputType(typeof(CallRecordGraphContext), typeof(CallRecordGraphConnection))]
public sealed class ConnectCallRecordGraphCommand : CallRecordsCmdlet
{
    private const string ClientSecretSet = "ClientSecret";
    private const string CredentialSet = "Credential";
    private const string CertificateThumbprintSet = "CertificateThumbprint";
    private const string CertificateSet = "Certificate";
    private const string CertificatePathSet = "CertificatePath";
    private const string ManagedIdentitySet = "ManagedIdentity";
    private const string EnvironmentCredentialSet = "EnvironmentCredential";
    private const string DeviceCodeSet = "DeviceCode";
    private const string AccessTokenSet = "AccessToken";

    // A clock off by less is within what a sync's overlap and a range's edges absorb.
    private static readonly TimeSpan s_clockOffsetWorthSaying = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the application (client) id; for -ManagedIdentity, a user-assigned identity's client id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [ValidateNotNullOrEmpty]
    [Alias("AppId", "ApplicationId")]
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the directory (tenant) id or a verified domain; with -AccessToken or -ManagedIdentity, the tenant when the token does not name it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [ValidateNotNullOrEmpty]
    [Alias("Tenant")]
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the client secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    public SecureString? ClientSecret { get; set; }

    /// <summary>Gets or sets a credential whose user name is the application id and whose password is the client secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Gets or sets the thumbprint of a certificate in the CurrentUser or LocalMachine My store.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>Gets or sets a certificate with its private key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Gets or sets the path of a PFX or PEM file with the certificate and its key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    /// <summary>Gets or sets the password of the certificate file.</summary>
    [Parameter(ParameterSetName = CertificatePathSet)]
    public SecureString? CertificatePassword { get; set; }

    /// <summary>Gets or sets whether to sign in as the managed identity of the Azure resource.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ManagedIdentitySet)]
    public SwitchParameter ManagedIdentity { get; set; }

    /// <summary>Gets or sets whether to sign in from AZURE_* environment variables.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EnvironmentCredentialSet)]
    public SwitchParameter EnvironmentCredential { get; set; }

    /// <summary>Gets or sets whether to sign in as a user with the device code flow.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    public SwitchParameter DeviceCode { get; set; }

    /// <summary>Gets or sets a bearer token for Graph to use as is.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    public SecureString? AccessToken { get; set; }

    /// <summary>Gets or sets the national cloud.</summary>
    [Parameter]
    [ValidateSet("Global", "USGov", "USGovDoD", "China")]
    public string Environment { get; set; } = "Global";

    /// <summary>Gets or sets a Graph root that replaces the cloud's, such as an emulator on http://127.0.0.1:5000.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? GraphEndpoint { get; set; }

    /// <summary>Gets or sets an Entra authority host that replaces the cloud's, such as https://login.microsoftonline.us/.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? AuthorityHost { get; set; }

    /// <summary>Gets or sets how many times a throttled, failed or cut-off request is retried before a command fails.</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetryCount { get; set; } = new RequestPolicy().MaxAttempts - 1;

    /// <summary>Gets or sets whether to return the connection itself, for -Connection of other commands, instead of its context.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Gets or sets a factor for the client-side throttling windows, to match an emulator started with --time-scale (benchmarks only).</summary>
    [Parameter(DontShow = true)]
    [ValidateRange(0.001, 1.0)]
    public double ThrottleWindowScale { get; set; } = 1;

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var request = new ConnectionRequest
        {
            Policy = new RequestPolicy { MaxAttempts = MaxRetryCount + 1, ThrottleWindowScale = ThrottleWindowScale },
            TenantId = TenantId,
            ClientId = Credential?.UserName ?? ClientId,
            ClientSecret = Credential?.Password ?? ClientSecret,
            Certificate = Certificate,
            CertificateThumbprint = CertificateThumbprint,
            CertificatePath = CertificatePath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath),
            CertificatePassword = CertificatePassword,
            AccessToken = AccessToken,
            Environment = Environment,
            GraphEndpoint = GraphEndpoint,
            AuthorityHost = AuthorityHost,
            DeviceCodePrompt = WriteWarning,
            Kind = ParameterSetName switch
            {
                ClientSecretSet or CredentialSet => AuthenticationKind.ClientSecret,
                CertificateThumbprintSet or CertificateSet or CertificatePathSet => AuthenticationKind.Certificate,
                ManagedIdentitySet => AuthenticationKind.ManagedIdentity,
                EnvironmentCredentialSet => AuthenticationKind.Environment,
                DeviceCodeSet => AuthenticationKind.DeviceCode,
                _ => AuthenticationKind.AccessToken,
            },
        };

        if (request.Kind == AuthenticationKind.DeviceCode)
        {
            WriteWarning("Graph's call records API accepts only application permissions; a user token from -DeviceCode is refused by it.");
        }

        GraphConnection connection;
        try
        {
            connection = await GraphConnection.ConnectAsync(request, Log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ErrorMapper.IsKnown(e))
        {
            throw new TerminatingException(ErrorFor(e, TenantId ?? ClientId ?? GraphEndpoint?.ToString(), ConnectErrorId(e)));
        }

        ConnectionState.SetDefault(CommandRunspace!, connection, handedOut: PassThru);
        var context = connection.Context;
        WriteVerbose($"Connected to tenant {context.TenantId} at {context.GraphEndpoint} ({context.Environment}) with {context.AuthType}.");
        WarnOfClockOffset(connection.Clock);
        WriteObject(PassThru ? connection.Handle : context);
    }

    // A machine whose clock is off would ask Graph for the wrong ranges; the commands use Graph's time instead, and say so.
    private void WarnOfClockOffset(GraphClock clock)
    {
        if (!clock.HasObserved || clock.Offset.Duration() < s_clockOffsetWorthSaying)
        {
            return;
        }

        // The offset is known to about a second either way, so it is said to the nearest minute.
        var offset = TimeSpan.FromMinutes(Math.Round(clock.Offset.Duration().TotalMinutes));
        var amount = offset >= TimeSpan.FromHours(1) ? $"{(int)offset.TotalHours} h {offset.Minutes} min" : $"{(int)offset.TotalMinutes} min";
        WriteWarning($"This machine's clock is {amount} {(clock.Offset > TimeSpan.Zero ? "behind" : "ahead of")} Microsoft Graph's. The commands count \"now\" (default ranges, the 30 days Graph keeps, sync checkpoints, subscription expiry) on Graph's clock.");
    }

    private static string ConnectErrorId(Exception e) => e switch
    {
        GraphAuthenticationException => "ConnectAuthenticationFailed",
        System.IO.FileNotFoundException => "CertificateFileNotFound",
        _ => "InvalidConnectionParameter",
    };
}
