using System.Threading;

namespace CallRecords.Engine;

/// <summary>What a connection has learned its cloud's Graph lacks, so it asks once and says so once.</summary>
internal sealed class CloudFeatures
{
    private int _participantsV2Missing;

    /// <summary>
    /// Gets whether Graph refused participants_v2. It is in the global cloud only; elsewhere (US Government) records
    /// have the deprecated participants list instead.
    /// </summary>
    public bool ParticipantsV2Missing => Volatile.Read(ref _participantsV2Missing) == 1;

    /// <summary>Records that Graph refused participants_v2; true the first time.</summary>
    public bool LearnParticipantsV2Missing() => Interlocked.Exchange(ref _participantsV2Missing, 1) == 0;

    /// <summary>Whether a failure is Graph refusing participants_v2 as a cloud without it does (400, naming the property).</summary>
    public static bool IsParticipantsV2Refusal(GraphRequestException e) =>
        e.StatusCode == 400 && e.Message.Contains("participants_v2", System.StringComparison.OrdinalIgnoreCase);
}
