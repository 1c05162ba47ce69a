using System.Collections.Concurrent;
using System.Globalization;

namespace CallRecords.Emulator;

public enum PersonKind
{
    User,
    Guest,
    Phone,
}

public enum NetworkKind
{
    Wired,
    Wifi,
    Mobile,
}

public enum CallKind
{
    PeerToPeer,
    Pstn,
    GroupCall,
}

/// <summary>
/// Someone who takes part in calls. <see cref="Traits"/> seeds what stays with the person from call to call:
/// their machine, headset, client and Wi-Fi.
/// </summary>
public sealed record Person(
    string Id,
    string? DisplayName,
    string? UserPrincipalName,
    PersonKind Kind,
    string? TenantId,
    NetworkKind Network,
    string? PhoneNumber,
    ulong Traits);

/// <summary>
/// What the list endpoint shows of a call record, made at start. Sessions, segments and media are derived from
/// <see cref="DetailSeed"/> when asked for, so any page can be written on its own and always the same way.
/// </summary>
public sealed record CallRecordHeader(
    string Id,
    CallKind Kind,
    string Type,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset LastModified,
    long Version,
    string[] Modalities,
    Person Organizer,
    Person[] Participants,
    int SessionCount,
    bool HasDeprecatedProperties,
    ulong DetailSeed,
    bool HasTraceRoutes)
{
    /// <summary>Gets whether a PSTN call came in from the phone network (the phone is then the organizer).</summary>
    public bool IsInbound => Kind == CallKind.Pstn && Organizer.Kind == PersonKind.Phone;

    /// <summary>Gets the tenant user on a PSTN call.</summary>
    public Person PstnUser => Participants[0].Kind == PersonKind.User ? Participants[0] : Participants[1];

    /// <summary>Gets the phone on a PSTN call.</summary>
    public Person PstnPhone => Participants[0].Kind == PersonKind.Phone ? Participants[0] : Participants[1];
}

/// <summary>
/// The synthetic tenant: users and every call record header, generated from the seed at start (each day from a
/// seed of its own, so a day looks the same whatever --days says). Records become visible once they have ended
/// before the tenant's clock and stay visible for 30 days. Calls made later through /_emulator/calls join them,
/// and records can be revised; each change publishes a new set of visible records, so a request that took the
/// set before the change reads it whole.
/// </summary>
public sealed class Tenant
{
    public const int HugeMeetingMinimum = 131;
    public const int HugeMeetingMaximum = 300;
    public const int LargeMeetingMinimum = 61;
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private const ulong UsersStream = 0x5553455253;
    private const ulong ApplicationStream = 0x4D5349;
    private const ulong EndedCallsStream = 0x454E444544;

    /// <summary>How long after the version before a revision of a record is written, as in the generated history.</summary>
    private static readonly TimeSpan s_revisionInterval = TimeSpan.FromMinutes(30);

    private static readonly Comparer<CallRecordHeader> s_byStartThenId = Comparer<CallRecordHeader>.Create((a, b) =>
        a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Id, b.Id));

    private static readonly string[] s_firstNames =
    {
        "Abbie", "Owen", "Priya", "Lars", "Mei", "Tomasz", "Amara", "Diego", "Hana", "Kofi", "Elena", "Ravi",
        "Sofia", "Jonas", "Aiko", "Mateo", "Noor", "Felix", "Zara", "Liam", "Ingrid", "Yusuf", "Chloe", "Bruno",
    };

    private static readonly string[] s_lastNames =
    {
        "Wilkins", "Franklin", "Sharma", "Berg", "Chen", "Nowak", "Okafor", "Garcia", "Sato", "Mensah", "Rossi", "Iyer",
        "Costa", "Weber", "Tanaka", "Lopez", "Haddad", "Braun", "Ali", "Murphy", "Novak", "Silva", "Dubois", "Kim",
    };

    private const ulong RevisionsStream = 0x5245564953;
    private const ulong LargeMeetingsStream = 0x544F574E48;

    private readonly Person[] _users;
    private readonly SeededRandom _endedCallsRandom;
    private readonly Lock _changes = new();

    // Every generated day of history, kept as generated; what is visible is worked out from them and the clock.
    private readonly Dictionary<DateTime, CallRecordHeader[]> _days = new();
    private readonly List<CallRecordHeader> _added = new();
    private readonly Dictionary<string, int> _extraVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _largeMeetingIds = new(StringComparer.OrdinalIgnoreCase);

    // The PSTN calls behind Direct Routing rows: for the days generated at start, those visible then (as always);
    // for days the clock reached later, all of the day's PSTN calls, so a day's rows never change once served.
    private readonly Dictionary<DateTime, CallRecordHeader[]> _pstnCallsByDay;
    private readonly ConcurrentDictionary<DateTime, CallRecordHeader[]> _laterPstnCallsByDay = new();
    private DateTime _lastGeneratedDay;
    private volatile VisibleRecords _visible;

    public Tenant(EmulatorOptions options)
    {
        Options = options;
        _users = MakeUsers(options);
        _lastGeneratedDay = options.Now.UtcDateTime.AddTicks(-1).Date;
        for (var day = _lastGeneratedDay.AddDays(1 - options.Days); day <= _lastGeneratedDay; day = day.AddDays(1))
        {
            _days[day] = MakeDay(day).ToArray();
        }

        _visible = Publish(options.Now);
        ApplicationId = new SeededRandom(SeededRandom.Mix((ulong)options.Seed, ApplicationStream)).NextGuid();
        _endedCallsRandom = new SeededRandom(SeededRandom.Mix((ulong)options.Seed, EndedCallsStream));
        _pstnCallsByDay = _visible.Ordered.Where(c => c.Kind == CallKind.Pstn).GroupBy(c => c.Start.UtcDateTime.Date).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public EmulatorOptions Options { get; }

    public IReadOnlyList<Person> Users => _users;

    /// <summary>Gets the tenant's clock: --now at start, moved forward by <see cref="Advance"/>.</summary>
    public DateTimeOffset Now => _visible.Now;

    public DateTimeOffset RetentionStart => _visible.Now - Retention;

    /// <summary>Gets the app the emulator's tokens are for: the managed identity's client id and the applicationId of subscriptions.</summary>
    public string ApplicationId { get; }

    /// <summary>Gets the records Graph would show, ordered by start time and then id, as the list endpoint pages them.</summary>
    public IReadOnlyList<CallRecordHeader> Visible => _visible.Ordered;

    /// <summary>Gets records older than the 30-day retention: a GET for them is a 404.</summary>
    public IReadOnlyList<CallRecordHeader> Expired => _visible.Expired;

    /// <summary>Gets records of calls still running at the tenant's clock, or ended less than --record-delay-minutes ago: not visible yet.</summary>
    public IReadOnlyList<CallRecordHeader> Unfinished => _visible.Unfinished;

    public bool TryGetVisible(string id, out CallRecordHeader call) => _visible.ById.TryGetValue(id, out call!);

    /// <summary>Whether a record is one of the meetings --large-meeting-sessions adds.</summary>
    public bool IsLargeMeeting(string id) => _largeMeetingIds.ContainsKey(id);

    /// <summary>The position of the first record of an ordered set (such as <see cref="Visible"/>) that starts at or after the instant.</summary>
    public static int FirstStartingFrom(IReadOnlyList<CallRecordHeader> ordered, DateTimeOffset instant)
    {
        int low = 0, high = ordered.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ordered[middle].Start < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// Moves the clock forward: the days it reaches are generated like the history, so calls keep happening;
    /// records appear as their calls end (plus --record-delay-minutes), get their scheduled revisions, and age
    /// out after 30 days.
    /// </summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        lock (_changes)
        {
            var now = _visible.Now + by;
            var lastDay = now.UtcDateTime.AddTicks(-1).Date;
            for (var day = _lastGeneratedDay.AddDays(1); day <= lastDay; day = day.AddDays(1))
            {
                var calls = MakeDay(day).ToArray();
                _days[day] = calls;
                var pstn = calls.Where(c => c.Kind == CallKind.Pstn).ToList();
                pstn.Sort(s_byStartThenId);
                _laterPstnCallsByDay[day] = pstn.ToArray();
                _lastGeneratedDay = day;
            }

            _visible = Publish(now);
            return now;
        }
    }

    /// <summary>
    /// Makes calls that have just ended at the tenant's clock and makes their records visible at once, with
    /// sessions and participants like the generated history. They come from a seeded sequence of their own, so the
    /// same requests make the same calls. They do not back Direct Routing rows: the logs of past days stay as they were.
    /// </summary>
    public IReadOnlyList<CallRecordHeader> AddEndedCalls(int count)
    {
        lock (_changes)
        {
            var now = _visible.Now;
            var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var calls = new List<CallRecordHeader>(count);
            for (var n = 0; n < count; n++)
            {
                var call = MakeOrdinaryCall(_endedCallsRandom, dayStart);
                calls.Add(call with { Start = call.Start + (now - call.End), End = now, LastModified = now, Version = 1 });
            }

            _added.AddRange(calls);
            _visible = Publish(now);
            return calls;
        }
    }

    /// <summary>Writes a new version of a visible record, as the service does when later data for the call arrives.</summary>
    public bool TryRevise(string id, out CallRecordHeader revised)
    {
        lock (_changes)
        {
            if (!_visible.ById.TryGetValue(id, out _))
            {
                revised = null!;
                return false;
            }

            _extraVersions[id] = _extraVersions.GetValueOrDefault(id) + 1;
            _visible = Publish(_visible.Now);
            revised = _visible.ById[id];
            return true;
        }
    }

    /// <summary>The visible PSTN records that started on a UTC day, in start order; each backs a Direct Routing row.</summary>
    public IReadOnlyList<CallRecordHeader> PstnCallsOn(DateTime day) =>
        _pstnCallsByDay.TryGetValue(day, out var calls) || _laterPstnCallsByDay.TryGetValue(day, out calls) ? calls : Array.Empty<CallRecordHeader>();

    /// <summary>What Graph shows at <paramref name="now"/>: a function of the clock alone (and of calls added or revised through the control routes).</summary>
    private VisibleRecords Publish(DateTimeOffset now)
    {
        var retentionStart = now - Retention;
        var visible = new List<CallRecordHeader>();
        var expired = new List<CallRecordHeader>();
        var unfinished = new List<CallRecordHeader>();
        foreach (var call in _days.Values.SelectMany(calls => calls))
        {
            var list = call.End + Options.RecordDelay > now ? unfinished : call.Start < retentionStart ? expired : visible;
            list.Add(list == visible ? WithRevisions(WithScheduledRevision(call, now)) : call);
        }

        foreach (var call in _added)
        {
            (call.Start < retentionStart ? expired : visible).Add(call.Start < retentionStart ? call : WithRevisions(call));
        }

        visible.Sort(s_byStartThenId);
        return new VisibleRecords(visible, visible.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase), now, expired, unfinished);
    }

    /// <summary>
    /// With --revision-share, a share of generated records (drawn from each record's seed) gets one more version
    /// one to twelve hours after it became visible, with new session details, as when late data for a call arrives.
    /// </summary>
    private CallRecordHeader WithScheduledRevision(CallRecordHeader call, DateTimeOffset now)
    {
        if (Options.RevisionShare <= 0)
        {
            return call;
        }

        var random = new SeededRandom(SeededRandom.Mix(call.DetailSeed, RevisionsStream));
        if (random.NextDouble() >= Options.RevisionShare)
        {
            return call;
        }

        var revisedAt = call.End + Options.RecordDelay + TimeSpan.FromMinutes(random.Next(60, 12 * 60));
        return now < revisedAt
            ? call
            : call with { Version = call.Version + 1, LastModified = revisedAt > call.LastModified ? revisedAt : call.LastModified + s_revisionInterval, DetailSeed = SeededRandom.Mix(call.DetailSeed, (ulong)call.Version + 1) };
    }

    /// <summary>The versions written through POST /_emulator/calls/{id}/revise.</summary>
    private CallRecordHeader WithRevisions(CallRecordHeader call) =>
        _extraVersions.TryGetValue(call.Id, out var extra)
            ? call with { Version = call.Version + extra, LastModified = call.LastModified + (s_revisionInterval * extra) }
            : call;

    private static Person[] MakeUsers(EmulatorOptions options)
    {
        var random = new SeededRandom(SeededRandom.Mix((ulong)options.Seed, UsersStream));
        var users = new Person[options.Users];
        var pairs = s_firstNames.Length * s_lastNames.Length;
        for (var i = 0; i < users.Length; i++)
        {
            var first = s_firstNames[i % s_firstNames.Length];
            var last = s_lastNames[((i / s_firstNames.Length) + i) % s_lastNames.Length];
            var suffix = i < pairs ? "" : (i / pairs).ToString(CultureInfo.InvariantCulture);
            var network = random.NextDouble() switch { < 0.5 => NetworkKind.Wired, < 0.85 => NetworkKind.Wifi, _ => NetworkKind.Mobile };
            users[i] = new Person(
                random.NextGuid(),
                $"{first} {last}",
                $"{first}.{last}{suffix}@contoso.com".ToLowerInvariant(),
                PersonKind.User,
                options.TenantId,
                network,
                "+1425" + random.Digits(7),
                random.NextUInt64());
        }

        return users;
    }

    private List<CallRecordHeader> MakeDay(DateTime day)
    {
        var dayNumber = (ulong)(day - DateTime.UnixEpoch).TotalDays;
        var random = new SeededRandom(SeededRandom.Mix((ulong)Options.Seed, dayNumber));
        var dayStart = new DateTimeOffset(day, TimeSpan.Zero);
        var calls = new List<CallRecordHeader>(Options.CallsPerDay);
        for (var n = 0; n < Options.CallsPerDay; n++)
        {
            // The first three calls of every day are large meetings, so session paging (more than 60) and
            // participant paging (more than 130) are exercised on every day of history.
            calls.Add(n switch
            {
                0 => MakeMeeting(random, dayStart, random.Next(HugeMeetingMinimum, HugeMeetingMaximum + 1)),
                < 3 => MakeMeeting(random, dayStart, random.Next(LargeMeetingMinimum, HugeMeetingMinimum)),
                _ => MakeOrdinaryCall(random, dayStart),
            });
        }

        // From a stream of its own, so the day's other calls are the same with the flag or without it.
        if (Options.LargeMeetingSessions > 0)
        {
            var townHall = MakeMeeting(new SeededRandom(SeededRandom.Mix(SeededRandom.Mix((ulong)Options.Seed, dayNumber), LargeMeetingsStream)), dayStart, Options.LargeMeetingSessions);
            _largeMeetingIds[townHall.Id] = true;
            calls.Add(townHall);
        }

        return calls;
    }

    /// <summary>Half the calls are one-to-one, one in eight PSTN, the rest small group calls.</summary>
    private CallRecordHeader MakeOrdinaryCall(SeededRandom random, DateTimeOffset dayStart) => random.NextDouble() switch
    {
        < 0.50 => MakePeerToPeer(random, dayStart),
        < 0.62 => MakePstn(random, dayStart),
        _ => MakeGroupCall(random, dayStart),
    };

    private CallRecordHeader MakeMeeting(SeededRandom random, DateTimeOffset dayStart, int size)
    {
        var start = dayStart + TimeSpan.FromHours(8) + RandomSpan(random, TimeSpan.FromHours(8));
        var participants = GroupParticipants(random, size);
        var modalities = new[] { "audio", "video", "videoBasedScreenSharing" };
        return Header(random, CallKind.GroupCall, "groupCall", start, TimeSpan.FromSeconds(random.Next(1800, 5400)), modalities, participants[0], participants, participants.Length);
    }

    private CallRecordHeader MakeGroupCall(SeededRandom random, DateTimeOffset dayStart)
    {
        var participants = GroupParticipants(random, random.Next(3, 16));
        string[] modalities = random.NextDouble() switch
        {
            < 0.35 => ["audio"],
            < 0.70 => ["audio", "video"],
            < 0.90 => ["audio", "video", "videoBasedScreenSharing"],
            < 0.97 => ["audio", "screenSharing"],
            _ => ["audio", "video", "data"],
        };

        // A participant who drops and rejoins has a session for each time.
        var rejoins = random.Chance(0.25) ? random.Next(1, 3) : 0;
        return Header(random, CallKind.GroupCall, "groupCall", WorkdayStart(random, dayStart), TimeSpan.FromSeconds(random.Next(300, 3600)), modalities, participants[0], participants, participants.Length + rejoins);
    }

    private CallRecordHeader MakePeerToPeer(SeededRandom random, DateTimeOffset dayStart)
    {
        var callerIndex = random.Next(0, _users.Length);
        var caller = _users[callerIndex];
        var callee = _users[(callerIndex + random.Next(1, _users.Length)) % _users.Length];

        string[] modalities = random.NextDouble() switch
        {
            < 0.6 => ["audio"],
            < 0.9 => ["audio", "video"],
            _ => ["audio", "video", "videoBasedScreenSharing"],
        };
        return Header(random, CallKind.PeerToPeer, "peerToPeer", WorkdayStart(random, dayStart), TimeSpan.FromSeconds(random.Next(20, 2400)), modalities, caller, [caller, callee], 1);
    }

    private CallRecordHeader MakePstn(SeededRandom random, DateTimeOffset dayStart)
    {
        var user = random.Pick(_users);
        var phone = Phone(random);
        var inbound = random.Chance(0.5);
        Person[] participants = inbound ? [phone, user] : [user, phone];

        // The docs' list example shows PSTN records typed "unknown".
        var type = random.Chance(0.15) ? "unknown" : "peerToPeer";
        return Header(random, CallKind.Pstn, type, WorkdayStart(random, dayStart), TimeSpan.FromSeconds(random.Next(10, 1800)), ["audio"], participants[0], participants, 1);
    }

    private CallRecordHeader Header(SeededRandom random, CallKind kind, string type, DateTimeOffset start, TimeSpan length, string[] modalities, Person organizer, Person[] participants, int sessionCount)
    {
        var end = start + length + TimeSpan.FromTicks(random.NextLong(0, TimeSpan.TicksPerSecond));
        var version = random.Next(1, 4);

        // A record is written some minutes after the call and rewritten with each later version; a call that
        // ended just before the tenant's clock was last written between its end and now.
        var lastModified = end + TimeSpan.FromMinutes(random.Next(5, 120) + (30 * (version - 1))) + TimeSpan.FromTicks(random.NextLong(0, TimeSpan.TicksPerSecond));
        if (lastModified > Options.Now && end < Options.Now)
        {
            lastModified = end + ((Options.Now - end) / 2);
        }

        // Where participants_v2 is missing (clouds other than the global one), every record carries the deprecated list.
        return new CallRecordHeader(random.NextGuid(), kind, type, start, end, lastModified, version, modalities, organizer, participants, sessionCount, random.Chance(0.25) || !Options.ParticipantsV2, random.NextUInt64(), Options.TraceRoutes);
    }

    /// <summary>Four calls in five fall in working hours; the rest anywhere in the day.</summary>
    private static DateTimeOffset WorkdayStart(SeededRandom random, DateTimeOffset dayStart) =>
        random.Chance(0.8)
            ? dayStart + TimeSpan.FromHours(7) + RandomSpan(random, TimeSpan.FromHours(12))
            : dayStart + RandomSpan(random, TimeSpan.FromHours(23));

    private static TimeSpan RandomSpan(SeededRandom random, TimeSpan maximum) => TimeSpan.FromTicks(random.NextLong(0, maximum.Ticks));

    /// <summary>A meeting: a user organizes; tenant users, guests and dial-in phones join, each once.</summary>
    private Person[] GroupParticipants(SeededRandom random, int size)
    {
        var participants = new List<Person>(size) { random.Pick(_users) };
        var usersTaken = new HashSet<Person> { participants[0] };
        while (participants.Count < size)
        {
            var roll = random.NextDouble();
            if (roll < 0.7 && usersTaken.Count < _users.Length)
            {
                var user = random.Pick(_users);
                if (usersTaken.Add(user))
                {
                    participants.Add(user);
                }
            }
            else
            {
                participants.Add(roll < 0.85 ? Guest(random) : Phone(random));
            }
        }

        return participants.ToArray();
    }

    private static Person Phone(SeededRandom random)
    {
        var number = "+1" + random.Next(201, 990).ToString(CultureInfo.InvariantCulture) + random.Digits(7);
        // The phone's side of the media runs from a gateway over the carrier's wired network.
        return new Person(number, null, null, PersonKind.Phone, null, NetworkKind.Wired, number, random.NextUInt64());
    }

    private static Person Guest(SeededRandom random)
    {
        var network = random.Chance(0.5) ? NetworkKind.Wifi : NetworkKind.Wired;
        var name = "Guest " + random.Next(100, 1000).ToString(CultureInfo.InvariantCulture);
        return new Person(random.NextGuid(), name, null, PersonKind.Guest, null, network, null, random.NextUInt64());
    }

    /// <summary>One published state of the visible records: never changed once published.</summary>
    private sealed record VisibleRecords(
        List<CallRecordHeader> Ordered,
        Dictionary<string, CallRecordHeader> ById,
        DateTimeOffset Now,
        List<CallRecordHeader> Expired,
        List<CallRecordHeader> Unfinished);
}
