using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CallRecords.Emulator;

/// <summary>
/// The opaque $skiptoken of call-record pages: where the next page starts and the page size the client asked
/// for, so a nextLink followed without the Prefer header still pages the same way.
/// </summary>
public static class SkipToken
{
    private const string Prefix = "crs1:";

    public static string Encode(int position, int pageSize) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{position}:{pageSize}")));

    public static bool TryDecode(string token, out int position, out int pageSize)
    {
        position = 0;
        pageSize = 0;
        string text;
        try
        {
            text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..].Split(':') : [];
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out position)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
            && pageSize > 0;
    }
}
