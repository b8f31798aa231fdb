namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// global.json lets every .NET 10 SDK build the repository, whatever its feature band, and no other major version.
/// The rule applied is the documented one: https://learn.microsoft.com/dotnet/core/tools/global-json (rollForward).
/// </summary>
public sealed class SdkSelectionTests
{
    [Theory]
    [InlineData("10.0.100", true)]
    [InlineData("10.0.105", true)]
    [InlineData("10.0.199", true)]
    [InlineData("10.0.200", true)]
    [InlineData("10.0.300", true)]
    [InlineData("10.0.401", true)]
    [InlineData("10.0.500", true)]
    [InlineData("9.0.100", false)]
    [InlineData("9.0.308", false)]
    [InlineData("11.0.100", false)]
    [InlineData("10.0.100-rc.2.25502.107", false)]
    public void GlobalJson_InstalledSdk_IsAcceptedForEveryDotnet10FeatureBandOnly(string installed, bool accepted)
    {
        var sdk = GlobalJsonSdk.Load();

        sdk.Accepts(installed).ShouldBe(accepted, $"global.json ({sdk}) {(accepted ? "refuses" : "accepts")} the .NET SDK {installed}");
    }

    [Fact]
    public async Task DotnetVersion_InTheRepository_ResolvesAnInstalledSdkGlobalJsonAccepts()
    {
        var root = Repository.Root;

        var version = await NodeTooling.RunAsync("dotnet", ["--version"], root, stdin: null, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var installed = await NodeTooling.RunAsync("dotnet", ["--list-sdks"], root, stdin: null, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        version.ExitCode.ShouldBe(0, $"dotnet --version in {root} found no SDK that global.json accepts:\n{version.StandardOutput}{version.StandardError}");
        GlobalJsonSdk.Load().Accepts(version.StandardOutput.Trim()).ShouldBeTrue();
        installed.StandardOutput.ShouldContain(version.StandardOutput.Trim() + " [");
    }

    /// <summary>The <c>sdk</c> section of global.json and the documented meaning of its <c>rollForward</c> values.</summary>
    private sealed record GlobalJsonSdk(string Version, string RollForward, bool AllowPrerelease)
    {
        public static GlobalJsonSdk Load()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "global.json")));
            var sdk = document.RootElement.GetProperty("sdk");
            return new GlobalJsonSdk(
                sdk.GetProperty("version").GetString() ?? throw new InvalidOperationException("global.json: sdk.version is null"),
                sdk.TryGetProperty("rollForward", out var rollForward) ? rollForward.GetString() ?? "latestPatch" : "latestPatch",
                !sdk.TryGetProperty("allowPrerelease", out var prerelease) || prerelease.GetBoolean());
        }

        /// <summary>Whether this global.json selects <paramref name="installed"/> when it is the only SDK on the machine.</summary>
        public bool Accepts(string installed)
        {
            if (installed.Contains('-', StringComparison.Ordinal) && !AllowPrerelease)
            {
                return false;
            }

            var wanted = SdkVersion.Parse(Version);
            var candidate = SdkVersion.Parse(installed);
            var sameBand = candidate.Major == wanted.Major && candidate.Minor == wanted.Minor && candidate.Band == wanted.Band;
            var bandOrLater = candidate.Major == wanted.Major && candidate.Minor == wanted.Minor
                && (candidate.Band > wanted.Band || (sameBand && candidate.Patch >= wanted.Patch));
            var minorOrLater = candidate.Major == wanted.Major && (candidate.Minor > wanted.Minor || bandOrLater);
            return RollForward switch
            {
                // "patch"/"latestPatch": the requested feature band, at the requested patch level or later.
                "patch" or "latestPatch" => sameBand && candidate.Patch >= wanted.Patch,

                // "feature"/"latestFeature": the requested major and minor, at the requested band and patch or later.
                "feature" or "latestFeature" => bandOrLater,
                "minor" or "latestMinor" => minorOrLater,
                "major" or "latestMajor" => candidate.Major > wanted.Major || minorOrLater,
                "disable" => candidate == wanted,
                _ => throw new InvalidOperationException($"global.json: rollForward '{RollForward}' is not a documented value"),
            };
        }

        public override string ToString() => $"version {Version}, rollForward {RollForward}";
    }

    /// <summary>An SDK version: the patch number holds the feature band (hundreds) and the patch level (the rest).</summary>
    private sealed record SdkVersion(int Major, int Minor, int Band, int Patch)
    {
        public static SdkVersion Parse(string text)
        {
            var parts = text.Split('-')[0].Split('.');
            if (parts.Length != 3)
            {
                throw new FormatException($"'{text}' is not an SDK version (major.minor.patch)");
            }

            var patch = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            return new SdkVersion(
                int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                patch / 100,
                patch % 100);
        }
    }
}
