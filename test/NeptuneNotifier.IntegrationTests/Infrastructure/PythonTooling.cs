namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// The Python tools of <c>test/python/requirements.txt</c> (cfn-lint, the SAM translator, moto): finds python3 and
/// checks that a module is importable before a test uses it. A missing tool fails the test with a message naming the
/// install command; nothing is skipped.
/// </summary>
internal static class PythonTooling
{
    private static readonly SemaphoreSlim CheckGate = new(1, 1);
    private static readonly HashSet<string> CheckedModules = new(StringComparer.Ordinal);

    public static string PythonDirectory => Path.Combine(Repository.Root, "test", "python");

    public static string RequirementsFile => Path.Combine(PythonDirectory, "requirements.txt");

    public static string PythonExecutable { get; } = NodeTooling.FindOnPath("python3")
        ?? throw new InvalidOperationException("python3 is not on PATH; the integration tests run cfn-lint, the SAM translator and moto from it.");

    /// <summary>Fails with the install command when <paramref name="module"/> cannot be imported.</summary>
    public static async Task EnsureModuleAsync(string module, CancellationToken cancellationToken)
    {
        await CheckGate.WaitAsync(cancellationToken);
        try
        {
            if (CheckedModules.Contains(module))
            {
                return;
            }

            var result = await NodeTooling.RunAsync(PythonExecutable, ["-c", $"import {module}"], PythonDirectory, stdin: null, TimeSpan.FromMinutes(1), cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"the Python module '{module}' is missing: install the test tools with `python3 -m pip install -r {RequirementsFile}` ({result.StandardError.Trim()})");
            }

            CheckedModules.Add(module);
        }
        finally
        {
            CheckGate.Release();
        }
    }

    /// <summary>Runs <c>python3 args</c> in <c>test/python</c> once <paramref name="module"/> is known to be importable.</summary>
    public static async Task<ProcessResult> RunAsync(string module, IReadOnlyList<string> args, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        await EnsureModuleAsync(module, cancellationToken);
        return await NodeTooling.RunAsync(PythonExecutable, args, PythonDirectory, stdin: null, timeout ?? TimeSpan.FromMinutes(2), cancellationToken);
    }

    /// <summary>Starts <c>python3 args</c> in <c>test/python</c> as a long-running process (a local server) once <paramref name="module"/> is known to be importable.</summary>
    public static async Task<RunningProcess> StartAsync(string module, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        await EnsureModuleAsync(module, cancellationToken);
        return RunningProcess.Start(ToolProcess.Info(PythonExecutable, args, PythonDirectory));
    }
}
