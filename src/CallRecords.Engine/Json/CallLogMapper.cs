using System;
using System.Text.Json;

namespace CallRecords.Engine.Json;

/// <summary>Turns call log rows into the module's row types; every documented column, read null-safely.</summary>
internal static class CallLogMapper
{
    public static PstnCallLogRow MapPstn(JsonElement json, string tenantId) => new()
    {
        TenantId = tenantId,
        Id = json.GetStringOrNull("id"),
        CallId = json.GetStringOrNull("callId"),
        UserId = json.GetStringOrNull("userId"),
        UserPrincipalName = json.GetStringOrNull("userPrincipalName"),
        UserDisplayName = json.GetStringOrNull("userDisplayName"),
        StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
        EndDateTime = json.GetDateTimeOffsetOrNull("endDateTime"),
        Duration = json.GetInt32OrNull("duration"),
        Charge = json.GetDecimalOrNull("charge"),
        ConnectionCharge = json.GetDecimalOrNull("connectionCharge"),
        Currency = json.GetStringOrNull("currency"),
        CallType = json.GetStringOrNull("callType"),
        CallerNumber = json.GetStringOrNull("callerNumber"),
        CalleeNumber = json.GetStringOrNull("calleeNumber"),
        DestinationContext = json.GetStringOrNull("destinationContext"),
        DestinationName = json.GetStringOrNull("destinationName"),
        ConferenceId = json.GetStringOrNull("conferenceId"),
        LicenseCapability = json.GetStringOrNull("licenseCapability"),
        InventoryType = json.GetStringOrNull("inventoryType"),
        Operator = json.GetStringOrNull("operator"),
        CallDurationSource = json.GetStringOrNull("callDurationSource"),
        TenantCountryCode = json.GetStringOrNull("tenantCountryCode"),
        UsageCountryCode = json.GetStringOrNull("usageCountryCode"),
    };

    public static DirectRoutingCallLogRow MapDirectRouting(JsonElement json, string tenantId) => new()
    {
        TenantId = tenantId,
        Id = json.GetStringOrNull("id"),
        CorrelationId = json.GetStringOrNull("correlationId"),
        UserId = json.GetStringOrNull("userId"),
        UserPrincipalName = json.GetStringOrNull("userPrincipalName"),
        UserDisplayName = json.GetStringOrNull("userDisplayName"),
        StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
        InviteDateTime = json.GetDateTimeOffsetOrNull("inviteDateTime"),
        EndDateTime = Meaningful(json.GetDateTimeOffsetOrNull("endDateTime")),
        FailureDateTime = Meaningful(json.GetDateTimeOffsetOrNull("failureDateTime")),
        Duration = json.GetInt32OrNull("duration"),
        SuccessfulCall = json.GetBooleanOrNull("successfulCall"),
        CallType = json.GetStringOrNull("callType"),
        CallerNumber = json.GetStringOrNull("callerNumber"),
        CalleeNumber = json.GetStringOrNull("calleeNumber"),
        FinalSipCode = json.GetInt32OrNull("finalSipCode"),
        FinalSipCodePhrase = json.GetStringOrNull("finalSipCodePhrase"),
        CallEndSubReason = json.GetInt32OrNull("callEndSubReason"),
        TrunkFullyQualifiedDomainName = json.GetStringOrNull("trunkFullyQualifiedDomainName"),
        MediaBypassEnabled = json.GetBooleanOrNull("mediaBypassEnabled"),
        MediaPathLocation = json.GetStringOrNull("mediaPathLocation"),
        SignalingLocation = json.GetStringOrNull("signalingLocation"),
    };

    public static SmsLogRow MapSms(JsonElement json, string tenantId) => new()
    {
        TenantId = tenantId,
        Id = json.GetStringOrNull("id"),
        SmsId = json.GetStringOrNull("smsId"),
        UserId = json.GetStringOrNull("userId"),
        UserPrincipalName = json.GetStringOrNull("userPrincipalName"),
        UserDisplayName = json.GetStringOrNull("userDisplayName"),
        UserCountryCode = json.GetStringOrNull("userCountryCode"),
        TenantCountryCode = json.GetStringOrNull("tenantCountryCode"),
        SourceNumber = json.GetStringOrNull("sourceNumber"),
        DestinationNumber = json.GetStringOrNull("destinationNumber"),
        SentDateTime = json.GetDateTimeOffsetOrNull("sentDateTime"),
        CallCharge = json.GetDecimalOrNull("callCharge"),
        Currency = json.GetStringOrNull("currency"),
        SmsType = json.GetStringOrNull("smsType"),
        DestinationContext = json.GetStringOrNull("destinationContext"),
        DestinationName = json.GetStringOrNull("destinationName"),
        OtherPartyCountryCode = json.GetStringOrNull("otherPartyCountryCode"),
        LicenseCapability = json.GetStringOrNull("licenseCapability"),
        SmsUnits = json.GetInt32OrNull("smsUnits"),
        AdministrativeUnitIds = new ValueList<string>(json.GetIdList("administrativeUnitInfos")),
    };

    public static PstnBlockedUserLogRow MapPstnBlockedUser(JsonElement json, string tenantId) => new()
    {
        TenantId = tenantId,
        UserId = json.GetStringOrNull("userId"),
        UserPrincipalName = json.GetStringOrNull("userPrincipalName"),
        UserDisplayName = json.GetStringOrNull("userDisplayName"),
        BlockDateTime = json.GetDateTimeOffsetOrNull("blockDateTime"),
        UserTelephoneNumber = json.GetStringOrNull("userTelephoneNumber"),
        UserBlockMode = json.GetStringOrNull("userBlockMode"),
        BlockReason = json.GetStringOrNull("blockReason"),
        RemediationId = json.GetStringOrNull("remediationId"),
    };

    public static PstnOnlineMeetingDialoutReportRow MapDialoutReport(JsonElement json, string tenantId) => new()
    {
        TenantId = tenantId,
        UserId = json.GetStringOrNull("userId"),
        UserPrincipalName = json.GetStringOrNull("userPrincipalName"),
        UserDisplayName = json.GetStringOrNull("userDisplayName"),
        UsageLocation = json.GetStringOrNull("usageLocation"),
        DestinationContext = json.GetStringOrNull("destinationContext"),
        Currency = json.GetStringOrNull("currency"),
        TotalCalls = json.GetInt32OrNull("totalCalls"),
        TotalCallCharge = json.GetDecimalOrNull("totalCallCharge"),
        TotalCallSeconds = json.GetInt32OrNull("totalCallSeconds"),
    };

    // Graph writes 0001-01-01T00:00:00Z where a time does not apply (a successful call's failure time).
    private static DateTimeOffset? Meaningful(DateTimeOffset? value) =>
        value is { } v && v.Year <= 1 ? null : value;
}
