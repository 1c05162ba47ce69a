namespace CallRecords.Emulator;

/// <summary>
/// A SplitMix64 generator and seed mixer. The tenant must come out the same in every run and on every .NET
/// version, so nothing here leans on System.Random's algorithm or on HashCode (which is salted per process).
/// </summary>
public sealed class SeededRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    /// <summary>Combines a parent seed with a part (a day, a record, a session index) into a well-spread child seed.</summary>
    public static ulong Mix(ulong seed, ulong part) => Finish(seed ^ Finish(part + Golden));

    public static ulong Mix(ulong seed, ulong part1, ulong part2) => Mix(Mix(seed, part1), part2);

    /// <summary>A stable 64-bit hash of a string (FNV-1a), for traits that must follow a person or an id.</summary>
    public static ulong Hash(string text)
    {
        var hash = 0xCBF29CE484222325;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3;
        }

        return Finish(hash);
    }

    public ulong NextUInt64() => Finish(_state += Golden);

    /// <summary>Returns a number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a number in [minimum, maximum).</summary>
    public int Next(int minimum, int maximum) => minimum + (int)(NextUInt64() % (ulong)(maximum - minimum));

    public long NextLong(long minimum, long maximum) => minimum + (long)(NextUInt64() % (ulong)(maximum - minimum));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>A version-4-shaped GUID from this generator.</summary>
    public string NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>The GUID a value always gives: for ids that belong to a person or app rather than to one draw.</summary>
    public static string GuidOf(ulong value) => new SeededRandom(value).NextGuid();

    /// <summary>Digits for phone numbers and similar, always exactly <paramref name="count"/> characters.</summary>
    public string Digits(int count)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + Next(0, 10));
        }

        return new string(digits);
    }

    private static ulong Finish(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
