using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// How the tests start the programs they use (node, python3, dotnet, the CLI, the emulator, the bootstrap): arguments
/// as a list, every stream redirected, and on request a clean environment, so that none of the machine's AWS
/// credentials, endpoints or notifier settings reach a program whose behaviour a test asserts.
/// </summary>
internal static class ToolProcess
{
    private static readonly HashSet<string> NotifierSettings = [.. SettingDefinitions.All.Select(setting => setting.Variable)];

    /// <summary>The start of <paramref name="file"/> with <paramref name="args"/>; <paramref name="environment"/> is set on a clean environment when given.</summary>
    public static ProcessStartInfo Info(string file, IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            RemoveInherited(info.Environment);
            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    /// <summary>
    /// Removes what a program must not inherit from the machine: every <c>AWS_*</c> variable and every notifier setting
    /// (<see cref="SettingDefinitions.All"/>, so that an <c>EVENT_BUS_NAME</c> or <c>LOG_LEVEL</c> set on the machine
    /// cannot change what a test asserts).
    /// </summary>
    internal static void RemoveInherited(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || NotifierSettings.Contains(k)).ToList())
        {
            environment.Remove(name);
        }
    }

    public static Process Start(ProcessStartInfo info) =>
        Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName} {string.Join(' ', info.ArgumentList)}");

    /// <summary>Runs a program to its end and returns what it printed; kills it and throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo info, string? stdin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(info);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(info.FileName)} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
