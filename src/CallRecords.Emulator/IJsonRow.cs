using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>A row of a call log function's page, written as its documented complex type.</summary>
public interface IJsonRow
{
    void Write(Utf8JsonWriter w);
}
