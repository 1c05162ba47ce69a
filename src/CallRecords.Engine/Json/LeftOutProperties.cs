using System.Collections.Generic;

namespace CallRecords.Engine.Json;

/// <summary>
/// The properties of Graph's call records types (namespace microsoft.graph.callRecords) that reach no column of their
/// own, each with why. Every other property reaches the user; a test built from Graph's schema holds the module to that.
/// </summary>
public static class LeftOutProperties
{
    /// <summary>Gets why each property left out is, keyed type.property as the schema names them.</summary>
    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>
    {
        ["callRecord.organizer"] = "Deprecated; organizer_v2 replaces it. Read only for a record without organizer_v2, into the same Organizer* columns.",
        ["callRecord.participants"] = "Deprecated; participants_v2 replaces it. Read only where Graph refuses participants_v2 (clouds without it), as participant rows.",
        ["participantEndpoint.identity"] = "Deprecated; associatedIdentity replaces it. Read only for an endpoint without associatedIdentity, into the same Caller*/Callee* identity columns.",
    };
}
