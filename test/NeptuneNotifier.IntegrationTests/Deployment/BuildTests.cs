using NeptuneNotifier.IntegrationTests.Function;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// The Makefile builds bootstrap for the one architecture template.yaml states: SAM gives a makefile build only
/// ARTIFACTS_DIR and the caller's environment, so nothing else can tell it. Checked with <c>make -n</c> (prints the
/// commands, runs none) against the repository and against copies of the Makefile with an edited template.
/// </summary>
public sealed class BuildTests : IDisposable
{
    private const string ArtifactsDir = "/tmp/neptune-notifier-artifacts";
    private static readonly string[] Files = ["Makefile", "eng/template-architecture.sh", "eng/check-glibc.sh"];

    private readonly string copy = Directory.CreateTempSubdirectory("neptune-notifier-build-").FullName;

    public void Dispose() => Directory.Delete(copy, recursive: true);

    [Fact]
    public async Task Make_RepositoryTemplate_PublishesForLinuxX64AndChecksGlibc()
    {
        // AOT=false: the dry run then holds on any host; which hosts may compile Native AOT is tested below.
        var result = await MakeAsync(Repository.Root, ["AOT=false"]);

        result.ExitCode.ShouldBe(0, result.StandardError);
        PublishLine(result).ShouldContain(" -r linux-x64 ");
        result.StandardOutput.ShouldContain($"eng/check-glibc.sh\" --optional \"{ArtifactsDir}/bootstrap\"");
    }

    [Fact]
    public async Task Make_Arm64Template_PublishesForLinuxArm64()
    {
        await CopyWithArchitectureAsync("      - arm64\n");

        var result = await MakeAsync(copy, ["AOT=false"]);

        result.ExitCode.ShouldBe(0, result.StandardError);
        PublishLine(result).ShouldContain(" -r linux-arm64 ");
        PublishLine(result).ShouldContain("-p:PublishSingleFile=true");
    }

    [Fact]
    public async Task Make_AotForTheHostArchitecture_PublishesNativeAotAndChecksGlibc()
    {
        await CopyWithArchitectureAsync($"      - {HostArchitecture}\n");

        var result = await MakeAsync(copy, []);

        result.ExitCode.ShouldBe(0, result.StandardError);
        PublishLine(result).ShouldContain($" -r {HostRid} ");
        PublishLine(result).ShouldContain("-p:PublishAot=true");
        result.StandardOutput.ShouldContain($"eng/check-glibc.sh\" \"{ArtifactsDir}/bootstrap\"");
    }

    [Fact]
    public async Task Make_AotForAnotherArchitecture_IsRefusedNamingAotFalse()
    {
        var other = HostArchitecture == "x86_64" ? "arm64" : "x86_64";
        await CopyWithArchitectureAsync($"      - {other}\n");

        var result = await MakeAsync(copy, []);

        result.ExitCode.ShouldNotBe(0);
        result.StandardOutput.ShouldNotContain("dotnet publish");
        result.StandardError.ShouldContain($"template.yaml deploys {other} but this host is {HostArchitecture}");
        result.StandardError.ShouldContain("AOT=false");
    }

    [Theory]
    [InlineData("command line")]
    [InlineData("environment")]
    public async Task Make_RidThatDisagreesWithTheTemplate_IsRefused(string from)
    {
        var result = from == "environment"
            ? await MakeAsync(Repository.Root, ["AOT=false"], environment: ["RID=linux-arm64"])
            : await MakeAsync(Repository.Root, ["AOT=false", "RID=linux-arm64"]);

        result.ExitCode.ShouldNotBe(0);
        result.StandardOutput.ShouldNotContain("dotnet publish");
        result.StandardError.ShouldContain("RID=linux-arm64 disagrees with template.yaml, which deploys x86_64 (linux-x64)");
    }

    [Fact]
    public async Task Make_RidThatAgreesWithTheTemplate_IsAccepted()
    {
        var result = await MakeAsync(Repository.Root, ["AOT=false", "RID=linux-x64"]);

        result.ExitCode.ShouldBe(0, result.StandardError);
        PublishLine(result).ShouldContain(" -r linux-x64 ");
    }

    [Theory]
    [InlineData("      - !Ref Architecture\n", "Architectures value \"!Ref Architecture\" is not x86_64 or arm64")]
    [InlineData("      - x86_64\n      - arm64\n", "Architectures has 2 values; the build needs exactly one")]
    [InlineData("      - amd64\n", "Architectures value \"amd64\" is not x86_64 or arm64")]
    [InlineData("", "Architectures has 0 values; the build needs exactly one")]
    public async Task Make_MalformedArchitectures_IsRefusedNamingTheProblem(string list, string expected)
    {
        await CopyWithArchitectureAsync(list);

        var result = await MakeAsync(copy, ["AOT=false"]);

        result.ExitCode.ShouldNotBe(0);
        result.StandardOutput.ShouldNotContain("dotnet publish");
        result.StandardError.ShouldContain(expected);
        result.StandardError.ShouldContain("the build follows the architecture in template.yaml");
    }

    [Fact]
    public async Task Make_ArchitecturesAlsoOnTheFunction_IsRefused()
    {
        await CopyWithArchitectureAsync("      - x86_64\n");
        var template = Path.Combine(copy, "template.yaml");
        var text = await File.ReadAllTextAsync(template, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(template, text.Replace("      CodeUri: .\n", "      CodeUri: .\n      Architectures: [arm64]\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await MakeAsync(copy, ["AOT=false"]);

        result.ExitCode.ShouldNotBe(0);
        result.StandardError.ShouldContain("2 Architectures entries; the build needs exactly one");
    }

    [Fact]
    public async Task Make_WithoutArtifactsDir_IsRefused()
    {
        var result = await MakeAsync(Repository.Root, ["AOT=false"], artifactsDir: null);

        result.ExitCode.ShouldNotBe(0);
        result.StandardError.ShouldContain("ARTIFACTS_DIR is not set");
    }

    private static string HostArchitecture => BootstrapBuild.Host.Architecture;

    private static string HostRid => BootstrapBuild.Host.Rid;

    private static string PublishLine(ProcessResult result) =>
        result.StandardOutput.Split('\n').SingleOrDefault(l => l.StartsWith("dotnet publish ", StringComparison.Ordinal))
        ?? throw new ShouldAssertException($"make -n printed no dotnet publish command:\n{result.StandardOutput}\n{result.StandardError}");

    /// <summary>Copies the Makefile and its scripts beside template.yaml whose Globals list is replaced by <paramref name="list"/>.</summary>
    private async Task CopyWithArchitectureAsync(string list)
    {
        var token = TestContext.Current.CancellationToken;
        foreach (var file in Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, file))!);
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(copy, file));
        }

        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "template.yaml"), token);
        const string Original = "    Architectures:\n      - x86_64\n";
        text.ShouldContain(Original);
        await File.WriteAllTextAsync(Path.Combine(copy, "template.yaml"), text.Replace(Original, "    Architectures:\n" + list, StringComparison.Ordinal), token);
    }

    /// <summary>
    /// <c>make -n build-NotifierFunction</c> as SAM runs it: ARTIFACTS_DIR in the environment, the Makefile named with
    /// its path, from another directory. RID comes only from <paramref name="environment"/> or the arguments.
    /// </summary>
    private static async Task<ProcessResult> MakeAsync(string folder, IReadOnlyList<string> arguments, IReadOnlyList<string>? environment = null, string? artifactsDir = ArtifactsDir)
    {
        var make = NodeTooling.FindOnPath("make")
            ?? throw new InvalidOperationException("make is not on PATH; sam build runs the Makefile with it (apt-get install make, dnf install make)");
        List<string> args = ["-u", "RID", "-u", "ARTIFACTS_DIR", "-u", "MAKEFLAGS", .. environment ?? []];
        if (artifactsDir is not null)
        {
            args.Add($"ARTIFACTS_DIR={artifactsDir}");
        }

        args.AddRange([make, "-n", "--makefile", Path.Combine(folder, "Makefile"), "build-NotifierFunction", .. arguments]);
        return await NodeTooling.RunAsync("env", args, Path.GetTempPath(), stdin: null, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }
}
