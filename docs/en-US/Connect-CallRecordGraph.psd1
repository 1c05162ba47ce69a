@{
    Synopsis    = 'Signs in to Microsoft Graph for the CallRecords commands.'
    Description = @'
Connect-CallRecordGraph signs in with Azure.Identity and keeps the connection for every CallRecords command in this PowerShell process. The call records API accepts application permissions only: grant the app CallRecords.Read.All (and CallRecord-PstnCalls.Read.All for PSTN and Direct Routing logs) with admin consent.

Choose one way to sign in: a client secret (-ClientSecret, or -Credential with the app id as user name), a certificate (-CertificateThumbprint, -Certificate or -CertificatePath), the managed identity of the Azure resource the script runs on (-ManagedIdentity, for Azure Automation, Functions and VMs), AZURE_* environment variables (-EnvironmentCredential), the device code flow (-DeviceCode), or a token you already have (-AccessToken).

A first token is requested at once, so a wrong secret or a missing identity fails here. Tokens are renewed by the credential before they expire; a token given with -AccessToken cannot be renewed. -Environment picks a national cloud (Graph host and sign-in authority together); -GraphEndpoint replaces the Graph host, for example with the CallRecords emulator on loopback. The command returns the connection context, which never contains a secret or a token.

Connecting also asks Graph's service root (GET /v1.0/) once and reads Graph's clock from the Date header of its answer, whatever the status; every later answer refines it. The commands count "now" on Graph's clock: the default end of a range, the 30 days Graph keeps call records, Sync-CallRecord's checkpoints and the expiry of subscriptions. A machine whose clock is off by a minute or more is named in a warning here, and GraphClockOffset in the context says by how much. When Graph does not answer, the connection is made all the same and this machine's clock stands until Graph answers a command.
'@
    Parameters  = @{
        ClientId              = 'The application (client) id of the app registration. With -ManagedIdentity, the client id of a user-assigned managed identity; leave it out for the system-assigned identity.'
        TenantId              = 'The directory (tenant) id, or a verified domain such as contoso.onmicrosoft.com. With -AccessToken or -ManagedIdentity, the tenant when the token does not name it (a JWT from Entra does, in its tid claim).'
        PassThru              = 'Return the connection itself (CallRecordGraphConnection) instead of its context, to give to other commands'' -Connection: several tenants in one session, or a thread job that keeps its own.'
        ClientSecret          = 'The client secret of the app registration, as a SecureString (for example from Get-Secret or Read-Host -AsSecureString).'
        Credential            = 'A PSCredential whose user name is the application id and whose password is the client secret.'
        CertificateThumbprint = 'The thumbprint of a certificate with its private key in the CurrentUser or LocalMachine My store.'
        Certificate           = 'An X509Certificate2 with its private key.'
        CertificatePath       = 'The path of a PFX or PEM file that holds the certificate and its private key.'
        CertificatePassword   = 'The password of the certificate file, as a SecureString.'
        ManagedIdentity       = 'Signs in as the managed identity of the Azure resource (Azure Automation, Functions, App Service, virtual machines).'
        EnvironmentCredential = 'Signs in from the AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH environment variables.'
        DeviceCode            = 'Signs in as a user with the device code flow. The call records API refuses user tokens; this exists for endpoints and proxies that accept them.'
        AccessToken           = 'A bearer token for Microsoft Graph, as a SecureString. It is sent as is and cannot be renewed; an expired token is refused before any request.'
        Environment           = 'The national cloud: Global (default), USGov, USGovDoD or China. It sets both the Graph host and the sign-in authority.'
        MaxRetryCount         = 'How many times a request that was throttled (429), met an unavailable service (5xx), lost its connection or got a cut-off body is retried, honouring Retry-After, before the command fails; token requests use the same count. Default 7.'
        AuthorityHost         = 'An Entra authority host (https) that replaces the one -Environment picks, for private or sovereign clouds and local token endpoints.'
        ThrottleWindowScale   = 'For benchmarks against the emulator only (hidden from completion): shrinks the windows of the client-side throttling budgets by this factor, to match an emulator started with --time-scale. Leave it at 1 for Graph.'
        GraphEndpoint         = 'A Graph host root that replaces the cloud''s, such as https://graph.microsoft.com; the module adds /v1.0. Plain http is accepted only on loopback, for the emulator (http://127.0.0.1:5000).'
    }
    Examples    = @(
        @{
            Title   = 'Sign in with a certificate from the certificate store'
            Code    = 'Connect-CallRecordGraph -TenantId contoso.onmicrosoft.com -ClientId 00000000-0000-0000-0000-000000000000 -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567'
            Remarks = 'The usual choice for scheduled tasks on a server: no secret is stored in the script.'
        }
        @{
            Title   = 'Sign in as the managed identity in Azure Automation'
            Code    = 'Connect-CallRecordGraph -ManagedIdentity'
            Remarks = 'Grant the Automation account''s identity the CallRecords.Read.All application permission first.'
        }
        @{
            Title   = 'Connect to the bundled emulator'
            Code    = @'
$token = ConvertTo-SecureString 'emulator-token' -AsPlainText -Force
Connect-CallRecordGraph -AccessToken $token -GraphEndpoint http://127.0.0.1:5000
'@
            Remarks = 'Start the emulator first: dotnet out/emulator/CallRecords.Emulator.dll --urls http://127.0.0.1:5000'
        }
    )
    Notes       = 'Required permissions (application, admin consent): CallRecords.Read.All; CallRecord-PstnCalls.Read.All or CallRecords.Read.All for PSTN and Direct Routing logs.'
    Links       = @('Disconnect-CallRecordGraph', 'Get-CallRecordGraphContext', 'https://learn.microsoft.com/graph/api/resources/callrecords-api-overview')
}
