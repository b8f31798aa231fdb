namespace NeptuneNotifier.Testing;

/// <summary>
/// Finds the repository root (the folder holding NeptuneNotifier.sln) from the running binary, for the tests and the
/// benchmarks that read the repository's files (docs, samples, the bad-input corpus, the Node.js tooling).
/// </summary>
internal static class Repository
{
    private static string? root;

    /// <summary>The repository root; throws <see cref="InvalidOperationException"/> when the binary is not inside a checkout.</summary>
    public static string Root => root ??= FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NeptuneNotifier.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"NeptuneNotifier.sln not found above {AppContext.BaseDirectory}");
    }
}
