using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace CallRecords.RuntimeFloor;

/// <summary>
/// Usage: CallRecords.RuntimeFloor MODULE_DIRECTORY EMULATOR_URL TOKEN POSTGRES_CONNECTION_STRING. Loads the module's
/// Engine as PowerShell does, reads from the emulator, syncs PSTN rows into PostgreSQL, prints what it found and, last,
/// one JSON line; exit code 0 when every count equals the emulator's truth.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 4)
        {
            Console.Error.WriteLine("Usage: CallRecords.RuntimeFloor MODULE_DIRECTORY EMULATOR_URL TOKEN POSTGRES_CONNECTION_STRING");
            return 2;
        }

        var moduleDirectory = Path.GetFullPath(args[0]);
        ModuleLoader.Initialize(moduleDirectory);
        return Run(new Uri(args[1]), args[2], args[3]);
    }

    // Not inlined into Main: compiling it loads the Engine's types, which only the Loader set up above can find.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Run(Uri emulator, string token, string postgres) =>
        new FloorCheck(emulator, token, postgres).RunAsync().GetAwaiter().GetResult();
}
