namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// A long-running program of a test (a local server, the bootstrap, <c>watch</c>): both output streams read as they
/// come, so it never blocks on a full pipe; waited on by the lines it prints, woken by the line itself; killed with its
/// children on dispose.
/// </summary>
internal sealed class RunningProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly List<(string Line, bool Error)> lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> waiters = [];
    private int closedStreams;

    private RunningProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Everything printed so far, standard output and error interleaved by line.</summary>
    public string Output => Text(_ => true);

    public string StandardOutput => Text(line => !line.Error);

    public string StandardError => Text(line => line.Error);

    public static RunningProcess Start(ProcessStartInfo info)
    {
        var started = new RunningProcess(ToolProcess.Start(info));
        started.Process.OutputDataReceived += (_, e) => started.Receive(e.Data, error: false);
        started.Process.ErrorDataReceived += (_, e) => started.Receive(e.Data, error: true);
        started.Process.BeginOutputReadLine();
        started.Process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The last <paramref name="count"/> lines, for a failure message.</summary>
    public string Tail(int count)
    {
        lock (lines)
        {
            return string.Join('\n', lines.TakeLast(count).Select(l => l.Line));
        }
    }

    /// <summary>The first line, printed or still to come, that <paramref name="match"/> accepts; fails after <paramref name="timeout"/> (30 s) or when the program ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        TaskCompletionSource<string> seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (lines)
        {
            if (lines.Select(l => l.Line).FirstOrDefault(match) is { } printed)
            {
                return printed;
            }

            if (closedStreams == 2)
            {
                throw Ended();
            }

            waiters.Add((match, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(timeout ?? DefaultWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Process.StartInfo.FileName} printed no such line within {timeout ?? DefaultWait}:\n{Tail(40)}");
        }
    }

    /// <summary>Waits until a line with <paramref name="text"/> is printed (see <see cref="WaitForLineAsync"/>).</summary>
    public Task WaitForOutputAsync(string text, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), cancellationToken, timeout);

    /// <summary>Sends the program <paramref name="signal"/> (INT, as Ctrl+C; TERM) and waits up to 30 s for it to exit.</summary>
    public async Task SignalAndWaitForExitAsync(string signal, CancellationToken cancellationToken)
    {
        using (var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DefaultWait);
        await Process.WaitForExitAsync(limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync(CancellationToken.None);
        }

        Process.Dispose();
    }

    private void Receive(string? line, bool error)
    {
        lock (lines)
        {
            if (line is null)
            {
                if (++closedStreams == 2)
                {
                    foreach (var waiter in waiters)
                    {
                        waiter.Seen.TrySetException(Ended());
                    }

                    waiters.Clear();
                }

                return;
            }

            lines.Add((line, error));
            foreach (var waiter in waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                waiters.Remove(waiter);
            }
        }
    }

    private string Text(Func<(string Line, bool Error), bool> which)
    {
        lock (lines)
        {
            return string.Concat(lines.Where(which).Select(l => l.Line + "\n"));
        }
    }

    private InvalidOperationException Ended() =>
        new($"{Process.StartInfo.FileName} {string.Join(' ', Process.StartInfo.ArgumentList)} ended without printing the line waited for:\n{Tail(40)}");
}
