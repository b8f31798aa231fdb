namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>Finds the repository root (the folder holding NeptuneNotifier.sln) from the running binary.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

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
