namespace CallRecords;

/// <summary>
/// One end of a session or segment, from Graph's participantEndpoint or serviceEndpoint and its user agent. Rows that hold one
/// flatten it into Caller* and Callee* columns.
/// </summary>
public sealed class CallEndpoint
{
    /// <summary>Gets or sets the identity's id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the identity's display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets the identity's user principal name.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Gets or sets the identity's tenant id.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets which identity kind it is (user, phone, guest, application...).</summary>
    public string? IdentityType { get; set; }

    /// <summary>Gets or sets participant or service, from the endpoint's @odata.type.</summary>
    public string? EndpointType { get; set; }

    /// <summary>Gets or sets the device name of a participant endpoint.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the client platform (windows, android, web...).</summary>
    public string? Platform { get; set; }

    /// <summary>Gets or sets the client product family (teams, skypeForBusiness...).</summary>
    public string? ProductFamily { get; set; }

    /// <summary>Gets or sets the service role of a service endpoint (mediationServer, skypeForBusinessAudioVideoMcu...).</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets the raw user-agent header.</summary>
    public string? UserAgentHeader { get; set; }

    /// <summary>Gets or sets the application version from the user agent.</summary>
    public string? ApplicationVersion { get; set; }

    /// <summary>Gets or sets the Microsoft Entra app id of the client, for an app's endpoint.</summary>
    public string? AzureADAppId { get; set; }

    /// <summary>Gets or sets the Azure Communication Services resource id of the client, for an ACS endpoint.</summary>
    public string? CommunicationServiceId { get; set; }

    /// <summary>Gets or sets the name of the device's CPU.</summary>
    public string? CpuName { get; set; }

    /// <summary>Gets or sets how many cores the device's CPU has.</summary>
    public int? CpuCoresCount { get; set; }

    /// <summary>Gets or sets the speed of the device's CPU, in MHz.</summary>
    public int? CpuProcessorSpeedInMhz { get; set; }

    /// <summary>Gets or sets the user's call rating, when given.</summary>
    public string? FeedbackRating { get; set; }

    /// <summary>Gets or sets the user's free-text feedback.</summary>
    public string? FeedbackText { get; set; }

    /// <summary>Gets or sets the feedback tokens that were true (for example Noisy, Echo).</summary>
    public string? FeedbackTokens { get; set; }

    /// <summary>The display name, else the id, else the service role.</summary>
    public override string ToString() => DisplayName ?? Id ?? Role ?? EndpointType ?? "";
}
