using System.Diagnostics;
using System.Text.RegularExpressions;
using NeptuneNotifier.IntegrationTests.Infrastructure;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>The emulator as its own process: command line, printed endpoint, scenario file.</summary>
public sealed partial class StandaloneEmulatorTests : IDisposable
{
    private static readonly string EmulatorDll = Path.Combine(AppContext.BaseDirectory, "NeptuneNotifier.Emulator.dll");
    private readonly string scenarioPath = Path.Combine(Path.GetTempPath(), $"emulator-scenario-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Main_PortZeroAndScenario_PrintsEndpointAndServesScenarioGraphs()
    {
        // Arrange
        await File.WriteAllTextAsync(scenarioPath, """
            {
              "graphs": [ { "id": "g-scenario01", "name": "scenario-graph", "vertexCount": 10, "edgeCount": 20 } ],
              "exportTasks": [ { "graphId": "g-scenario01", "taskId": "t-scenario01", "failAtProgress": 50, "failureReason": "disk full" } ]
            }
            """, TestContext.Current.CancellationToken);
        using var process = StartEmulator(["--port", "0", "--scenario", scenarioPath, "--speed", "1000"]);
        try
        {
            // Act
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var match = EndpointLine().Match(line ?? string.Empty);
            match.Success.ShouldBeTrue($"first line was '{line}'; stderr: {(process.HasExited ? await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken) : "(running)")}");
            var endpoint = match.Groups["endpoint"].Value;
            var result = await NodeTooling.RunScriptAsync(
                Path.Combine("emulator", "driver.mjs"),
                [],
                $$$"""{"endpoint":"{{{endpoint}}}","steps":[{"call":"ListGraphs","input":{}},{"call":"GetExportTask","input":{"taskIdentifier":"t-scenario01"}}]}""",
                TestContext.Current.CancellationToken);

            // Assert
            var report = $"exit {result.ExitCode}\nstdout: {result.StandardOutput}\nstderr: {result.StandardError}";
            result.ExitCode.ShouldBe(0, report);
            result.StandardOutput.ShouldContain("\"id\":\"g-scenario01\"", customMessage: report);
            result.StandardOutput.ShouldContain("\"taskId\":\"t-scenario01\"", customMessage: report);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData("--speed", "0")]
    [InlineData("--port", "70000")]
    [InlineData("--no-such-option", "1")]
    [InlineData("--access-key-id", "AKIAONLYKEY")]
    public async Task Main_BadUsage_ExitsWithTwoAndSaysWhy(string option, string value)
    {
        // Arrange
        using var process = StartEmulator([option, value]);

        // Act
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Assert
        process.ExitCode.ShouldBe(2);
        stderr.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Main_ScenarioWithBadGraphId_ExitsWithTwoNamingFileAndValue()
    {
        // Arrange
        await File.WriteAllTextAsync(scenarioPath, """{ "graphs": [ { "id": "graph-1", "name": "bad" } ] }""", TestContext.Current.CancellationToken);
        using var process = StartEmulator(["--port", "0", "--scenario", scenarioPath]);

        // Act
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Assert
        process.ExitCode.ShouldBe(2);
        stderr.ShouldContain(scenarioPath);
        stderr.ShouldContain("graph-1");
    }

    public void Dispose() => File.Delete(scenarioPath);

    private static Process StartEmulator(IReadOnlyList<string> args)
    {
        File.Exists(EmulatorDll).ShouldBeTrue($"{EmulatorDll} should be copied next to the tests by the project reference");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator process");
    }

    [GeneratedRegex("^Neptune Analytics emulator listening on (?<endpoint>http://127\\.0\\.0\\.1:[0-9]+)$")]
    private static partial Regex EndpointLine();
}
