using System;
using System.Collections.Generic;

namespace CallRecords.Engine;

/// <summary>A national cloud: where Graph lives and where its tokens come from.</summary>
public sealed class GraphCloud
{
    private static readonly Dictionary<string, GraphCloud> s_clouds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Global"] = new GraphCloud("Global", "https://graph.microsoft.com", "https://login.microsoftonline.com/"),
        ["USGov"] = new GraphCloud("USGov", "https://graph.microsoft.us", "https://login.microsoftonline.us/"),
        ["USGovDoD"] = new GraphCloud("USGovDoD", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us/"),
        ["China"] = new GraphCloud("China", "https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn/"),
    };

    private GraphCloud(string name, string graphRoot, string authorityHost)
    {
        Name = name;
        GraphRoot = new Uri(graphRoot);
        AuthorityHost = new Uri(authorityHost);
    }

    /// <summary>Gets the cloud's name as -Environment takes it.</summary>
    public string Name { get; }

    /// <summary>Gets the Graph host root, without the API version.</summary>
    public Uri GraphRoot { get; }

    /// <summary>Gets the Entra authority host that issues tokens for this cloud.</summary>
    public Uri AuthorityHost { get; }

    /// <summary>Gets the scope that asks for the application permissions granted on Graph.</summary>
    public string DefaultScope => GraphRoot.GetLeftPart(UriPartial.Authority) + "/.default";

    /// <summary>Gets the names of the known clouds.</summary>
    public static IEnumerable<string> Names => s_clouds.Keys;

    /// <summary>Whether <paramref name="uri"/> points at one of the public Graph hosts.</summary>
    public static bool IsGraphHost(Uri uri)
    {
        foreach (var cloud in s_clouds.Values)
        {
            if (string.Equals(cloud.GraphRoot.Host, uri.Host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="uri"/> is the authority host of one of the public clouds.</summary>
    public static bool IsAuthorityHost(Uri uri)
    {
        foreach (var cloud in s_clouds.Values)
        {
            if (string.Equals(cloud.AuthorityHost.Host, uri.Host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds a cloud by name, or throws ArgumentException naming the known ones.</summary>
    public static GraphCloud Get(string name) =>
        s_clouds.TryGetValue(name, out var cloud)
            ? cloud
            : throw new ArgumentException($"Unknown environment '{name}'. Use one of: {string.Join(", ", s_clouds.Keys)}.", nameof(name));
}
