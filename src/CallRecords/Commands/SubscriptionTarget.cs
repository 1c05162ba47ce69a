using System;
using System.Management.Automation;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Checks shared by the subscription commands, made before anything is sent.</summary>
internal static class SubscriptionTarget
{
    /// <summary>
    /// The expiration from -ExpirationDateTime, -Duration, or the maximum; a terminating error when Graph would refuse
    /// it. <paramref name="now"/> is Graph's: Graph judges the expiry on its own clock.
    /// </summary>
    public static DateTimeOffset Expiration(DateTime? expirationDateTime, TimeSpan? duration, DateTimeOffset now, object target)
    {
        var expiration = expirationDateTime is { } at
            ? new DateTimeOffset(at.Kind == DateTimeKind.Utc ? at : at.ToUniversalTime(), TimeSpan.Zero)
            : now + (duration ?? SubscriptionClient.MaximumLifetime - TimeSpan.FromMinutes(1));
        if (SubscriptionClient.ExpirationProblem(expiration, now) is { } problem)
        {
            throw new TerminatingException(new ErrorRecord(
                new ArgumentException(problem),
                expiration <= now ? "SubscriptionExpirationInPast" : "SubscriptionExpirationTooLong",
                ErrorCategory.InvalidArgument,
                target));
        }

        return expiration;
    }

    /// <summary>A terminating error unless the URL is https, or http on this machine.</summary>
    public static void RequireSecureUrl(Uri url, string parameter)
    {
        var loopback = url.IsLoopback || url.Host == "127.0.0.1" || url.Host == "[::1]";
        if (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && loopback)))
        {
            return;
        }

        throw new TerminatingException(new ErrorRecord(
            new ArgumentException($"-{parameter} '{url}' must be an absolute https URL that Graph can reach; plain http is accepted only on loopback, for the emulator."),
            "InsecureNotificationUrl",
            ErrorCategory.InvalidArgument,
            url));
    }
}
