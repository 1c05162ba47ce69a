using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace CallRecords.TestSupport;

/// <summary>Starts a server (the emulator, Azurite) and waits for the line in which it says it listens.</summary>
public static class ServerProcess
{
    /// <summary>
    /// Starts the process with both streams read to their ends, so it never blocks on a full pipe, and waits up to
    /// <paramref name="timeout"/> for a line starting with <paramref name="readyLinePrefix"/>. Without one, the process
    /// is stopped if it still runs and waited for, and the result says why; the caller disposes the process.
    /// </summary>
    public static ServerStart Start(ProcessStartInfo startInfo, string readyLinePrefix, TimeSpan timeout)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        var process = new Process { StartInfo = startInfo };
        var ready = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new StringBuilder();

        // A null line is the end of standard output: the process has exited.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null || e.Data.StartsWith(readyLinePrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var readyLine = ready.Task.Wait(timeout) ? ready.Task.Result : null;
        if (readyLine is not null)
        {
            return new ServerStart(process, readyLine, Exited: false, StandardError: "");
        }

        var exited = ready.Task.IsCompleted;
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        // The parameterless wait also waits for standard error to be read to its end.
        process.WaitForExit();
        lock (errors)
        {
            return new ServerStart(process, null, exited, errors.ToString().Trim());
        }
    }
}
