using NeptuneNotifier.IntegrationTests.Function;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// eng/check-glibc.sh, which the Makefile runs on every bootstrap it builds: Lambda's provided.al2023 has glibc 2.34
/// (https://docs.aws.amazon.com/linux/al2023/ug/core-glibc.html), so a binary that needs a newer symbol version never
/// starts there. The too-new binaries are compiled here against a small library that defines GLIBC_2.34 and
/// GLIBC_2.35 version nodes, so the test holds on any host, whatever its own glibc.
/// </summary>
public sealed class GlibcCheckTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("neptune-notifier-glibc-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task CheckGlibc_BinaryNeedingANewerGlibc_IsRefusedSayingWhatToDo()
    {
        var binary = await CompileAsync("needs_2_35");

        var result = await CheckAsync(binary);

        result.ExitCode.ShouldBe(1, result.StandardOutput + result.StandardError);
        result.StandardError.ShouldContain("needs GLIBC_2.35, above GLIBC_2.34");
        result.StandardError.ShouldContain("needs_2_35 (GLIBC_2.35)");
        result.StandardError.ShouldContain("This host has glibc ");
        result.StandardError.ShouldContain("build on a host with glibc 2.34 or older");
        result.StandardError.ShouldContain("AOT=false");
    }

    [Fact]
    public async Task CheckGlibc_BinaryNeedingGlibc234_IsAccepted()
    {
        var binary = await CompileAsync("needs_2_34");

        var result = await CheckAsync(binary);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldContain("needs GLIBC_2.34 at most");
    }

    [Fact]
    public async Task CheckGlibc_PublishedAotBootstrap_IsAccepted()
    {
        // The Native AOT bootstrap the function tests already publish: no second publish.
        var bootstrap = await BootstrapBuild.PathAsync(aot: true, TestContext.Current.CancellationToken);

        var result = await CheckAsync(bootstrap);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldContain("needs GLIBC_2.");
    }

    [Fact]
    public async Task CheckGlibc_NotAnElfFile_FailsSayingSo()
    {
        var text = Path.Combine(folder, "bootstrap");
        await File.WriteAllTextAsync(text, "#!/bin/sh\n", TestContext.Current.CancellationToken);

        var result = await CheckAsync(text);

        result.ExitCode.ShouldBe(1);
        result.StandardError.ShouldContain("is it an ELF file?");
    }

    private Task<ProcessResult> CheckAsync(string file)
    {
        _ = NodeTooling.FindOnPath("objdump")
            ?? throw new InvalidOperationException("objdump is not on PATH; eng/check-glibc.sh reads symbol versions with it (apt-get install binutils)");
        return NodeTooling.RunAsync("bash", [Path.Combine(Repository.Root, "eng", "check-glibc.sh"), file], folder, stdin: null, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    /// <summary>A program that calls <paramref name="function"/> of libfakeglibc.so, which gives it the version of its name.</summary>
    private async Task<string> CompileAsync(string function)
    {
        var token = TestContext.Current.CancellationToken;
        var compiler = new[] { "cc", "gcc", "clang", "clang-14" }.Select(NodeTooling.FindOnPath).FirstOrDefault(path => path is not null)
            ?? throw new InvalidOperationException("no C compiler (cc, gcc, clang) on PATH; the test compiles small binaries (apt-get install clang)");
        await File.WriteAllTextAsync(Path.Combine(folder, "fake.c"), "int needs_2_34(void) { return 34; }\nint needs_2_35(void) { return 35; }\n", token);
        await File.WriteAllTextAsync(Path.Combine(folder, "fake.map"), "GLIBC_2.34 { global: needs_2_34; local: *; };\nGLIBC_2.35 { global: needs_2_35; } GLIBC_2.34;\n", token);
        await File.WriteAllTextAsync(Path.Combine(folder, "main.c"), $"int {function}(void);\nint main(void) {{ return {function}(); }}\n", token);

        await RunAsync(compiler, ["-shared", "-fPIC", "-Wl,--version-script=fake.map", "-o", "libfakeglibc.so", "fake.c"]);
        await RunAsync(compiler, ["-o", function, "main.c", "-L.", "-lfakeglibc"]);
        return Path.Combine(folder, function);

        async Task RunAsync(string file, IReadOnlyList<string> args)
        {
            var result = await NodeTooling.RunAsync(file, args, folder, stdin: null, TimeSpan.FromMinutes(1), token);
            result.ExitCode.ShouldBe(0, $"{file} {string.Join(' ', args)}:\n{result.StandardError}");
        }
    }
}
