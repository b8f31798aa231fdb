using System.Runtime.InteropServices;

namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// Publishes the function's <c>bootstrap</c> as the Makefile does (Native AOT, or for comparison the self-contained JIT
/// build), for this host's CPU so the tests can run it; the Makefile builds for the architecture template.yaml states.
/// Done once per test run, into its own artifacts folder so the test build is untouched.
/// </summary>
internal static class BootstrapBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<bool, string> Built = [];

    public static async Task<string> PathAsync(bool aot, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (Built.TryGetValue(aot, out var existing))
            {
                return existing;
            }

            var root = Repository.Root;
            var output = Path.Combine(root, "artifacts", "test-bootstrap", aot ? "aot" : "jit");
            List<string> args =
            [
                "publish", Path.Combine(root, "src", "NeptuneNotifier.Function", "NeptuneNotifier.Function.csproj"),
                "-c", "Release", "-r", Host.Rid, "--self-contained", "-o", output,
                "--artifacts-path", Path.Combine(root, "artifacts", "test-bootstrap", aot ? "aot-build" : "jit-build"),
                $"-p:PublishAot={(aot ? "true" : "false")}",

                // A separate build, not attached to the MSBuild nodes of the `dotnet test` that runs us.
                "--disable-build-servers", "-nodeReuse:false",
            ];
            if (aot && NodeTooling.FindOnPath("clang") is null && NodeTooling.FindOnPath("clang-14") is not null)
            {
                args.Add("-p:CppCompilerAndLinker=clang-14");
            }

            var stopwatch = Stopwatch.StartNew();
            var result = await NodeTooling.RunAsync("dotnet", args, root, stdin: null, TimeSpan.FromMinutes(10), cancellationToken);
            var bootstrap = Path.Combine(output, "bootstrap");
            if (result.ExitCode != 0 || !File.Exists(bootstrap))
            {
                throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({result.ExitCode}) after {stopwatch.Elapsed}:\n{result.StandardOutput}\n{result.StandardError}");
            }

            if (System.Text.RegularExpressions.Regex.IsMatch(result.StandardOutput + result.StandardError, @"warning [A-Z]{2,}[0-9]{3,}"))
            {
                throw new InvalidOperationException($"Publishing bootstrap gave warnings (trim or AOT analysis):\n{result.StandardOutput}");
            }

            Built[aot] = bootstrap;
            return bootstrap;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>This host's CPU as template.yaml names it, and the runtime identifier the Makefile maps it to.</summary>
    internal static (string Architecture, string Rid) Host => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => ("x86_64", "linux-x64"),
        System.Runtime.InteropServices.Architecture.Arm64 => ("arm64", "linux-arm64"),
        var other => throw new InvalidOperationException($"Lambda runs x86_64 and arm64; this host is {other}"),
    };
}
