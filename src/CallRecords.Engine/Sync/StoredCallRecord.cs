namespace CallRecords.Engine.Sync;

/// <summary>What the store holds of a call record: its version and how many media streams it has.</summary>
internal readonly record struct StoredCallRecord(long Version, long MediaStreams);
