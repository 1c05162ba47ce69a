namespace CallRecords.Engine;

/// <summary>What a request is for: named in errors, with the permission a 403 should point to.</summary>
internal sealed class GraphOperation
{
    public const string CallRecordsPermission = "CallRecords.Read.All";

    public static readonly GraphOperation ListCallRecords = new("list call records", CallRecordsPermission);
    public static readonly GraphOperation GetCallRecord = new("get a call record", CallRecordsPermission);
    public static readonly GraphOperation ListSessions = new("list sessions", CallRecordsPermission);
    public static readonly GraphOperation ListParticipants = new("list participants", CallRecordsPermission);

    public GraphOperation(string description, string requiredPermission)
    {
        Description = description;
        RequiredPermission = requiredPermission;
    }

    public string Description { get; }

    public string RequiredPermission { get; }
}
