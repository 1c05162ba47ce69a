namespace CallRecords.Emulator;

/// <summary>
/// The one line the emulator writes to standard output, once it listens. Launchers read standard output up to it and
/// take the addresses from it, ports chosen by the system included, so its shape is a contract (README.md, "Ready line").
/// </summary>
internal static class ReadyLine
{
    public const string Prefix = "CallRecords emulator listening on ";

    /// <summary>The prefix, the bound addresses joined by ", ", then the seed and clock in parentheses.</summary>
    public static string Format(IEnumerable<string> urls, EmulatorOptions options) =>
        $"{Prefix}{string.Join(", ", urls)} (seed {options.Seed}, now {JsonFormat.Iso(options.Now)})";
}
