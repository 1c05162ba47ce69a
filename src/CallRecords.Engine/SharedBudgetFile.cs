using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace CallRecords.Engine;

/// <summary>
/// Sliding windows kept in a small file that every process of the module run by this user on this machine opens for
/// the same <see cref="BudgetScope"/>, so a scheduled sync and a prompt together keep to one per-app budget instead of
/// each to its own. Each window is a ring of the last N grants' times (the machine's monotonic clock, which every
/// process reads alike): a request fits when the oldest of them has left the window. A grant holds the file
/// exclusively for its few reads and writes; the operating system lets go of that hold when a process ends, killed
/// or not. A file that cannot be opened, stays locked or does not read as this layout is given up for good, and the
/// budgets it carried count in-process from then on (said once, as a debug line).
/// </summary>
internal sealed class SharedBudgetFile
{
    /// <summary>Names a folder for the files instead of the user's temp folder (for accounts that must share one).</summary>
    public const string FolderVariable = "CALLRECORDS_BUDGET_FOLDER";

    /// <summary>How long a grant waits for another process's hold before the file is given up.</summary>
    internal static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(2);

    // "CRBUDGT1": the file's first eight bytes.
    private const ulong Magic = 0x3154474455425243;
    private const int Layout = 1;

    // Magic, layout, window count, the clock's frequency; then per window its limit, the next slot and its length in
    // clock ticks; then per window its ring of grant times.
    private const int HeaderBytes = 8 + 4 + 4 + 8;
    private const int WindowBytes = 4 + 4 + 8;

    // A file nobody has written for a day belongs to a connection that is gone (an emulator's port, a past app).
    private static readonly TimeSpan s_staleAfter = TimeSpan.FromDays(1);
    private static readonly HashSet<string> s_sweptFolders = new(StringComparer.Ordinal);

    private readonly (int Limit, long Ticks)[] _windows;
    private readonly long[] _ringOffsets;
    private readonly int _length;
    private string? _failure;
    private int _said;

    private SharedBudgetFile(string path, IReadOnlyList<(int Limit, TimeSpan Window)> windows, string? failure)
    {
        Path = path;
        _failure = failure;
        _windows = new (int, long)[windows.Count];
        _ringOffsets = new long[windows.Count];
        long offset = HeaderBytes + (WindowBytes * windows.Count);
        for (var i = 0; i < windows.Count; i++)
        {
            _windows[i] = (windows[i].Limit, (long)(windows[i].Window.TotalSeconds * Stopwatch.Frequency));
            _ringOffsets[i] = offset;
            offset += 8L * windows[i].Limit;
        }

        _length = (int)offset;
    }

    /// <summary>Gets the file's path.</summary>
    public string Path { get; }

    /// <summary>Gets whether the file has been given up: its budgets count in-process only.</summary>
    public bool Failed => Volatile.Read(ref _failure) is not null;

    /// <summary>
    /// The file for <paramref name="scope"/> and these windows, in <paramref name="folder"/>, else
    /// <see cref="FolderVariable"/>, else the user's temp folder. Nothing is opened yet; a folder that cannot be made
    /// gives a file already given up.
    /// </summary>
    public static SharedBudgetFile For(BudgetScope scope, double windowScale, IReadOnlyList<(int Limit, TimeSpan Window)> windows, string? folder = null)
    {
        var layout = string.Join(",", windows.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Limit}/{w.Window.Ticks}")));
        folder ??= Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen
            ? chosen
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "CallRecords-" + SafeUserName(), "budgets");
        var path = System.IO.Path.Combine(folder, scope.FileName(windowScale, layout));
        try
        {
            CreateFolder(folder);
            SweepStaleFiles(folder);
            return new SharedBudgetFile(path, windows, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new SharedBudgetFile(path, windows, $"the folder {folder} could not be made ({e.Message})");
        }
    }

    /// <summary>
    /// Under the file's hold: when every window in <paramref name="windows"/> has room at <paramref name="now"/> (a
    /// Stopwatch timestamp), counts one request in each and returns zero; otherwise returns how long until the fullest
    /// has room and names it in <paramref name="fullest"/>. Null when the file is given up, now or before.
    /// </summary>
    public TimeSpan? TryTake(IReadOnlyList<int> windows, long now, RequestLog log, out int fullest)
    {
        fullest = -1;
        if (Volatile.Read(ref _failure) is { } earlier)
        {
            SayGivenUp(log, earlier);
            return null;
        }

        try
        {
            using var file = OpenHeld();
            var handle = file.SafeFileHandle;
            var header = new byte[HeaderBytes + (WindowBytes * _windows.Length)];
            var length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                Initialize(handle);
            }
            else if (length != _length)
            {
                throw new InvalidDataException($"it is not a budget file of this layout ({length} bytes)");
            }

            Read(handle, header, 0);
            Check(header);
            var slot = new byte[8];
            long longest = 0;
            foreach (var index in windows)
            {
                var (limit, ticks) = _windows[index];
                var next = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(HeaderBytes + (WindowBytes * index) + 4));
                Read(handle, slot, _ringOffsets[index] + (8L * next));
                var oldest = BinaryPrimitives.ReadInt64LittleEndian(slot);

                // Zero: never used. Later than now: written before the machine's clock restarted (a reboot).
                if (oldest != 0 && oldest <= now && now - oldest < ticks && ticks - (now - oldest) > longest)
                {
                    longest = ticks - (now - oldest);
                    fullest = index;
                }
            }

            if (longest > 0)
            {
                return TimeSpan.FromSeconds((double)longest / Stopwatch.Frequency);
            }

            BinaryPrimitives.WriteInt64LittleEndian(slot, now);
            foreach (var index in windows)
            {
                var at = HeaderBytes + (WindowBytes * index) + 4;
                var next = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(at));
                RandomAccess.Write(handle, slot, _ringOffsets[index] + (8L * next));
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(at), (next + 1) % _windows[index].Limit);
            }

            RandomAccess.Write(handle, header, 0);
            if (Interlocked.Exchange(ref _said, 1) == 0)
            {
                log.WriteDebug($"Per-app budgets are shared with this user's other CallRecords processes on this machine through {Path}.");
            }

            return TimeSpan.Zero;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or TimeoutException)
        {
            var reason = e is InvalidDataException or TimeoutException ? e.Message : $"it could not be used ({e.Message})";
            Interlocked.CompareExchange(ref _failure, reason, null);
            SayGivenUp(log, reason);
            return null;
        }
    }

    private static string SafeUserName()
    {
        var name = Environment.UserName;
        foreach (var invalid in System.IO.Path.GetInvalidFileNameChars())
        {
            name = name.Replace(invalid, '_');
        }

        return name.Length == 0 ? "user" : name;
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Under a shared /tmp, only this user may read or change the windows.
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void SweepStaleFiles(string folder)
    {
        lock (s_sweptFolders)
        {
            if (!s_sweptFolders.Add(folder))
            {
                return;
            }
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.budget"))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > s_staleAfter)
                {
                    File.Delete(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process holds it or it is not ours: it stays.
            }
        }
    }

    private static void Read(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, long offset)
    {
        if (RandomAccess.Read(handle, buffer, offset) != buffer.Length)
        {
            throw new InvalidDataException("it ends early");
        }
    }

    /// <summary>Opens the file for this process alone (FileShare.None: flock on Unix), waiting out another process's short hold.</summary>
    private FileStream OpenHeld()
    {
        var clock = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        var folderMade = false;
        while (true)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (DirectoryNotFoundException) when (!folderMade)
            {
                // The temp folder was cleaned while the connection lived.
                folderMade = true;
                CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
            }
            catch (IOException e) when (e is not DirectoryNotFoundException and not FileNotFoundException)
            {
                if (clock.Elapsed >= LockTimeout)
                {
                    throw new TimeoutException($"another process held it for over {LockTimeout.TotalSeconds:0} s");
                }

                spinner.SpinOnce();
            }
        }
    }

    private void Initialize(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var content = new byte[_length];
        BinaryPrimitives.WriteUInt64LittleEndian(content, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(8), Layout);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(12), _windows.Length);
        BinaryPrimitives.WriteInt64LittleEndian(content.AsSpan(16), Stopwatch.Frequency);
        for (var i = 0; i < _windows.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(HeaderBytes + (WindowBytes * i)), _windows[i].Limit);
            BinaryPrimitives.WriteInt64LittleEndian(content.AsSpan(HeaderBytes + (WindowBytes * i) + 8), _windows[i].Ticks);
        }

        RandomAccess.Write(handle, content, 0);
    }

    private void Check(byte[] header)
    {
        var valid = BinaryPrimitives.ReadUInt64LittleEndian(header) == Magic
            && BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)) == Layout
            && BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)) == _windows.Length
            && BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16)) == Stopwatch.Frequency;
        for (var i = 0; valid && i < _windows.Length; i++)
        {
            var at = HeaderBytes + (WindowBytes * i);
            var next = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(at + 4));
            valid = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(at)) == _windows[i].Limit
                && BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(at + 8)) == _windows[i].Ticks
                && next >= 0 && next < _windows[i].Limit;
        }

        if (!valid)
        {
            throw new InvalidDataException("it is not a budget file of this layout (its header differs)");
        }
    }

    private void SayGivenUp(RequestLog log, string reason)
    {
        if (Interlocked.Exchange(ref _said, 2) != 2)
        {
            log.WriteDebug($"The shared budget file {Path} is not used: {reason}. This connection's per-app budgets count its own requests only; other processes on this machine are not counted.");
        }
    }
}
