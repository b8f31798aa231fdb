using System.Diagnostics;

namespace NeptuneNotifier.IntegrationTests.Cli;

/// <summary>Runs the built <c>neptune-notifier</c> as a separate process, as an operator would.</summary>
internal static class CliProcess
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "neptune-notifier.dll");

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        if (!File.Exists(Assembly) || !File.Exists(Path.ChangeExtension(Assembly, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"The CLI is not built next to the tests: {Assembly} (and its runtimeconfig.json) must exist.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A clean, known environment: no credentials or endpoints of the machine leak into the test.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k is "TABLE_NAME" or "TOPIC_ARN" or "GRAPH_IDS").ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"neptune-notifier {string.Join(' ', args)} did not finish within 3 minutes");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
