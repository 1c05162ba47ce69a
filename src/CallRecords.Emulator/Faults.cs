namespace CallRecords.Emulator;

public enum Fault
{
    None,
    TooManyRequests,
    ServiceUnavailable,
    ConnectionReset,
    TruncatedBody,
}

/// <summary>
/// Injected failures at the probabilities the command line gives. The draws come from one seeded sequence, so
/// the same requests in the same order meet the same faults.
/// </summary>
public sealed class Faults
{
    private const ulong FaultStream = 0x4641554C54;
    private readonly EmulatorOptions _options;
    private readonly SeededRandom _random;

    public Faults(EmulatorOptions options)
    {
        _options = options;
        _random = new SeededRandom(SeededRandom.Mix((ulong)options.Seed, FaultStream));
    }

    public Fault Next()
    {
        var o = _options;
        if (o.Fault429 + o.Fault503 + o.FaultReset + o.FaultTruncate == 0)
        {
            return Fault.None;
        }

        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }

        return roll switch
        {
            _ when roll < o.Fault429 => Fault.TooManyRequests,
            _ when roll < o.Fault429 + o.Fault503 => Fault.ServiceUnavailable,
            _ when roll < o.Fault429 + o.Fault503 + o.FaultReset => Fault.ConnectionReset,
            _ when roll < o.Fault429 + o.Fault503 + o.FaultReset + o.FaultTruncate => Fault.TruncatedBody,
            _ => Fault.None,
        };
    }
}
