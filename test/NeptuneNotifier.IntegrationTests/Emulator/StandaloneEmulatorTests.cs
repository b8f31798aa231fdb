using System.Text.RegularExpressions;

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
        await using var emulator = RunningProcess.Start(Emulator(["--port", "0", "--scenario", scenarioPath, "--speed", "1000"]));

        // Act
        var line = await emulator.WaitForLineAsync(_ => true, TestContext.Current.CancellationToken);
        var match = EndpointLine().Match(line);
        match.Success.ShouldBeTrue($"first line was '{line}'; output: {emulator.Output}");
        var endpoint = match.Groups["endpoint"].Value;
        var result = await NodeTooling.RunScriptAsync(
            Path.Combine("emulator", "driver.mjs"),
            [],
            $$$"""{"endpoint":"{{{endpoint}}}","steps":[{"call":"ListGraphs","input":{}},{"call":"GetExportTask","input":{"taskIdentifier":"t-scenario01"}}]}""",
            TestContext.Current.CancellationToken);

        // Assert
        var report = result.ToString();
        result.ExitCode.ShouldBe(0, report);
        result.StandardOutput.ShouldContain("\"id\":\"g-scenario01\"", customMessage: report);
        result.StandardOutput.ShouldContain("\"taskId\":\"t-scenario01\"", customMessage: report);
    }

    [Theory]
    [InlineData("--speed", "0")]
    [InlineData("--port", "70000")]
    [InlineData("--no-such-option", "1")]
    [InlineData("--access-key-id", "AKIAONLYKEY")]
    public async Task Main_BadUsage_ExitsWithTwoAndSaysWhy(string option, string value)
    {
        // Arrange
        // Act
        var result = await ToolProcess.RunAsync(Emulator([option, value]), stdin: null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Assert
        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Main_ScenarioWithBadGraphId_ExitsWithTwoNamingFileAndValue()
    {
        // Arrange
        await File.WriteAllTextAsync(scenarioPath, """{ "graphs": [ { "id": "graph-1", "name": "bad" } ] }""", TestContext.Current.CancellationToken);
        // Act
        var result = await ToolProcess.RunAsync(Emulator(["--port", "0", "--scenario", scenarioPath]), stdin: null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Assert
        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldContain(scenarioPath);
        result.StandardError.ShouldContain("graph-1");
    }

    // "Ctrl+C stops", and so does SIGTERM from a script or a service manager: a clean stop, not death by the signal.
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Main_Signal_StopsAndExitsZero(string signal)
    {
        // Arrange
        await using var emulator = RunningProcess.Start(Emulator(["--port", "0"]));
        await emulator.WaitForOutputAsync("listening on", TestContext.Current.CancellationToken);

        // Act
        await emulator.SignalAndWaitForExitAsync(signal, TestContext.Current.CancellationToken);

        // Assert
        emulator.Process.ExitCode.ShouldBe(0, emulator.Output);
    }

    public void Dispose() => File.Delete(scenarioPath);

    private static ProcessStartInfo Emulator(IReadOnlyList<string> args)
    {
        File.Exists(EmulatorDll).ShouldBeTrue($"{EmulatorDll} should be copied next to the tests by the project reference");
        return ToolProcess.Info("dotnet", [EmulatorDll, .. args]);
    }

    [GeneratedRegex("^Neptune Analytics emulator listening on (?<endpoint>http://127\\.0\\.0\\.1:[0-9]+)$")]
    private static partial Regex EndpointLine();
}
