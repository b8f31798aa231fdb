using System.Diagnostics;
using System.Text;

namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// A published <c>bootstrap</c> running as a process with a clean AWS environment (none of the machine's AWS_*
/// variables), its standard output and error collected as they come.
/// </summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];

    private BootstrapProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Everything the process printed so far, standard output and error interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static BootstrapProcess Start(string bootstrap, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var started = new BootstrapProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {bootstrap}"));
        started.Process.OutputDataReceived += (_, e) => started.Append(e.Data);
        started.Process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        started.Process.BeginOutputReadLine();
        started.Process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// Waits until a line with <paramref name="text"/> is printed, up to <paramref name="timeout"/> (30 s by default):
    /// woken by the line itself, so it takes as long as the process does and no longer.
    /// </summary>
    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            if (output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            waiters.Add((text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (TimeoutException)
        {
            Output.ShouldContain(text, customMessage: $"not printed within {timeout ?? TimeSpan.FromSeconds(30)}");
        }
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

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
                foreach (var waiter in waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    waiters.Remove(waiter);
                }
            }
        }
    }
}
