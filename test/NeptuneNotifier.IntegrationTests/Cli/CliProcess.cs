namespace NeptuneNotifier.IntegrationTests.Cli;

/// <summary>Runs the built <c>neptune-notifier</c> as a separate process, as an operator would, in a clean environment.</summary>
internal static class CliProcess
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "neptune-notifier.dll");

    public static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, CancellationToken cancellationToken, params string[] args) =>
        ToolProcess.RunAsync(Info(environment, workingDirectory, args), stdin: null, TimeSpan.FromMinutes(3), cancellationToken);

    /// <summary>The start of <c>neptune-notifier args</c> with only <paramref name="environment"/> of the AWS and notifier variables.</summary>
    public static System.Diagnostics.ProcessStartInfo Info(IReadOnlyDictionary<string, string> environment, string workingDirectory, IEnumerable<string> args)
    {
        if (!File.Exists(Assembly) || !File.Exists(Path.ChangeExtension(Assembly, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"The CLI is not built next to the tests: {Assembly} (and its runtimeconfig.json) must exist.");
        }

        // Wide enough that no table or message the tests look for is wrapped.
        Dictionary<string, string> variables = new(StringComparer.Ordinal) { ["COLUMNS"] = "200" };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return ToolProcess.Info("dotnet", [Assembly, .. args], workingDirectory, variables);
    }

    /// <summary>
    /// Runs <c>watch</c> until its first cycle has printed, then sends it <paramref name="signal"/> (SIGINT, as Ctrl+C,
    /// unless told) and waits up to 30 s for it to exit.
    /// </summary>
    public static async Task<RunningProcess> InterruptedWatchAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, string statePath, string outPath, string signal = "INT")
    {
        var watch = RunningProcess.Start(Info(environment, workingDirectory, ["watch", "--interval", "1s", "--state", statePath, "--out", outPath]));
        try
        {
            await watch.WaitForOutputAsync("Cycle:", TestContext.Current.CancellationToken);
            await watch.SignalAndWaitForExitAsync(signal, TestContext.Current.CancellationToken);
            return watch;
        }
        catch
        {
            await watch.DisposeAsync();
            throw;
        }
    }
}
