namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// The Node.js tooling in <c>test/node</c>: finds node, installs the locked packages once if they are missing or
/// differ from the lock file, and runs scripts. A missing tool fails the test with a message; nothing is skipped.
/// </summary>
internal static class NodeTooling
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool installed;

    public static string NodeDirectory => Path.Combine(Repository.Root, "test", "node");

    public static string NodeExecutable { get; } = FindOnPath("node")
        ?? throw new InvalidOperationException("Node.js (node) is not on PATH; the integration tests need Node.js 20 or later.");

    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (installed)
        {
            return;
        }

        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (installed)
            {
                return;
            }

            // A lock file in the folder keeps two test processes from running npm ci at the same time.
            await using var crossProcess = await AcquireFileLockAsync(Path.Combine(NodeDirectory, ".install.lock"), cancellationToken);
            if (!MatchesLockFile(NodeDirectory))
            {
                var npm = FindOnPath("npm") ?? throw new InvalidOperationException("npm is not on PATH; it installs the test tooling in test/node.");
                var result = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], NodeDirectory, stdin: null, TimeSpan.FromMinutes(5), cancellationToken);
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {NodeDirectory} failed with exit code {result.ExitCode}:\n{result.StandardError}");
                }
            }

            installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>
    /// True when <c>node_modules</c> holds every package of <c>package-lock.json</c> at its locked version (npm records
    /// what it installed in <c>node_modules/.package-lock.json</c>); false when it is missing or stale, say after a pull
    /// that added a package.
    /// </summary>
    internal static bool MatchesLockFile(string nodeDirectory)
    {
        var installedLock = Path.Combine(nodeDirectory, "node_modules", ".package-lock.json");
        if (!File.Exists(installedLock))
        {
            return false;
        }

        var wanted = LockedVersions(Path.Combine(nodeDirectory, "package-lock.json"));
        var present = LockedVersions(installedLock);
        return wanted.All(p => present.TryGetValue(p.Key, out var version) && version == p.Value);
    }

    private static Dictionary<string, string?> LockedVersions(string lockFile)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(lockFile));
        Dictionary<string, string?> versions = new(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("packages", out var packages))
        {
            foreach (var package in packages.EnumerateObject().Where(p => p.Name.Length > 0))
            {
                versions[package.Name] = package.Value.TryGetProperty("version", out var version) ? version.GetString() : null;
            }
        }

        return versions;
    }

    /// <summary>Runs <c>node script args</c> in <c>test/node</c> and returns what it printed.</summary>
    public static async Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> args, string? stdin, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        await EnsureInstalledAsync(cancellationToken);
        return await RunAsync(NodeExecutable, [Path.Combine(NodeDirectory, script), .. args], NodeDirectory, stdin, timeout ?? TimeSpan.FromMinutes(1), cancellationToken);
    }

    public static Task<ProcessResult> RunAsync(string file, IReadOnlyList<string> args, string workingDirectory, string? stdin, TimeSpan timeout, CancellationToken cancellationToken) =>
        ToolProcess.RunAsync(ToolProcess.Info(file, args, workingDirectory), stdin, timeout, cancellationToken);

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    internal static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
