using System;
using CallRecords.TestSupport;

namespace CallRecords.Engine.Tests.Lake;

/// <summary>One Azurite for the blob tests of a class; each test takes a container of its own.</summary>
public sealed class AzuriteFixture : IDisposable
{
    public AzuriteProcess Azurite { get; } = AzuriteProcess.Start();

    public void Dispose() => Azurite.Dispose();
}
