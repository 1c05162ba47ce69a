namespace CallRecords.Emulator.Tests;

public class Probe
{
    [Xunit.Fact]
    public void Runs() => Xunit.Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "CallRecords.Emulator.runtimeconfig.json")));
}
