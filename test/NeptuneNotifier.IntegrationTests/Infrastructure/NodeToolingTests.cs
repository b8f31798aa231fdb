namespace NeptuneNotifier.IntegrationTests.Infrastructure;

public sealed class NodeToolingTests : IDisposable
{
    private const string Lock = """
        {"name":"t","lockfileVersion":3,"packages":{"":{"name":"t"},"node_modules/dynalite":{"version":"4.0.0"},"node_modules/js-yaml":{"version":"4.1.0"}}}
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("node-tooling-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(null, false)]
    [InlineData("""{"packages":{"node_modules/dynalite":{"version":"4.0.0"},"node_modules/js-yaml":{"version":"4.1.0"}}}""", true)]
    [InlineData("""{"packages":{"node_modules/dynalite":{"version":"4.0.0"},"node_modules/js-yaml":{"version":"4.1.0"},"node_modules/extra":{"version":"1.0.0"}}}""", true)]
    [InlineData("""{"packages":{"node_modules/dynalite":{"version":"4.0.0"}}}""", false)]
    [InlineData("""{"packages":{"node_modules/dynalite":{"version":"3.2.2"},"node_modules/js-yaml":{"version":"4.1.0"}}}""", false)]
    public void MatchesLockFile_InstalledPackages_TrueOnlyWhenEveryLockedVersionIsThere(string? installed, bool expected)
    {
        File.WriteAllText(Path.Combine(directory, "package-lock.json"), Lock);
        if (installed is not null)
        {
            Directory.CreateDirectory(Path.Combine(directory, "node_modules"));
            File.WriteAllText(Path.Combine(directory, "node_modules", ".package-lock.json"), installed);
        }

        NodeTooling.MatchesLockFile(directory).ShouldBe(expected);
    }

    [Fact]
    public async Task MatchesLockFile_RepositoryToolingAfterInstall_IsTrue()
    {
        await NodeTooling.EnsureInstalledAsync(TestContext.Current.CancellationToken);

        NodeTooling.MatchesLockFile(NodeTooling.NodeDirectory).ShouldBeTrue();
    }
}
