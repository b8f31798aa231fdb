using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>
/// Our own Neptune Analytics client runs the conformance scenarios the official JS client runs: the same steps against
/// two emulators started alike (same seed, same fake clock), and the two outcomes must agree step by step: success or
/// the same error (name, HTTP status, reason), and the same output members and values.
/// </summary>
public sealed class OwnClientConformanceTests
{
    [Fact]
    public async Task Scenario_ExportLifecycle_SameOutcomes() =>
        await CompareAsync(
            new EmulatorOptions(),
            _ => [Call("ListGraphs")],
            _ => [StartExport(format: "CSV")],
            taskId => [GetExport(taskId), AdvanceClock(45), GetExport(taskId), AdvanceClock(60), GetExport(taskId), AdvanceClock(600), GetExport(taskId), Call("ListExportTasks", new { graphIdentifier = "g-orders0001" })]);

    [Fact]
    public async Task Scenario_CancelFromEachStatus_SameOutcomes() =>
        await CompareAsync(
            new EmulatorOptions(),
            _ => [],
            _ => [StartExport()],
            taskId =>
            [
                AdvanceClock(40), Call("CancelExportTask", new { taskIdentifier = taskId }), GetExport(taskId),
                Call("CancelExportTask", new { taskIdentifier = taskId }), AdvanceClock(30), GetExport(taskId),
                Call("CancelExportTask", new { taskIdentifier = taskId }),
            ]);

    [Fact]
    public async Task Scenario_ScriptedFailureAndDeletion_SameOutcomes() =>
        await CompareAsync(
            new EmulatorOptions(),
            _ => [],
            _ => [StartExport()],
            taskId =>
            [
                Control("PUT", $"/_emulator/tasks/{taskId}/failure", new { atProgressPercentage = 10, reason = "Export failed: \"quoted\" reason with ünïcödé" }),
                AdvanceClock(120), GetExport(taskId),
                Control("DELETE", $"/_emulator/tasks/{taskId}"), GetExport(taskId),
            ]);

    [Fact]
    public async Task Scenario_Pagination_SamePages() =>
        await CompareAsync(
            new EmulatorOptions { MaxActiveTasksPerGraph = 100 },
            _ => [.. Enumerable.Range(0, 23).Select(_ => StartExport())],
            _ => [],
            _ => [Paginate("ListExportTasks", 5), Paginate("ListExportTasks", 100), Paginate("ListGraphs", 1)]);

    [Theory]
    [InlineData("GetExportTask", "ThrottlingException")]
    [InlineData("GetExportTask", "InternalServerException")]
    [InlineData("GetExportTask", "ResourceNotFoundException")]
    [InlineData("GetExportTask", "ValidationException")]
    [InlineData("ListExportTasks", "ThrottlingException")]
    [InlineData("ListExportTasks", "ValidationException")]
    [InlineData("CancelExportTask", "ConflictException")]
    [InlineData("StartExportTask", "ConflictException")]
    [InlineData("StartExportTask", "ResourceNotFoundException")]
    [InlineData("ListGraphs", "InternalServerException")]
    public async Task Scenario_ModeledError_SameTypedError(string operation, string error) =>
        await CompareAsync(
            new EmulatorOptions(),
            _ => [],
            _ => [StartExport()],
            taskId =>
            [
                Control("POST", $"/_emulator/faults/{operation}/errors", new { error, message = $"injected {error}" }),
                operation switch
                {
                    "GetExportTask" => GetExport(taskId),
                    "CancelExportTask" => Call("CancelExportTask", new { taskIdentifier = taskId }),
                    "StartExportTask" => StartExport("g-social0001"),
                    "ListExportTasks" => Call("ListExportTasks"),
                    _ => Call(operation),
                },
            ]);

    [Theory]
    [InlineData("t-0000000000")]
    [InlineData("t-ABCDEFGHIJ")]
    [InlineData("t-short")]
    [InlineData("g-0123456789")]
    public async Task Scenario_UnknownOrMalformedIdentifier_BothReject(string taskId) =>
        await CompareAsync(new EmulatorOptions(), _ => [], _ => [], _ => [GetExport(taskId), Call("CancelExportTask", new { taskIdentifier = taskId })]);

    private static async Task CompareAsync(
        EmulatorOptions options,
        Func<string?, IEnumerable<JsonObject>> setup,
        Func<string?, IEnumerable<JsonObject>> start,
        Func<string, IEnumerable<JsonObject>> steps)
    {
        var epoch = Epoch;
        await using var forJs = await StartAsync(new FakeTimeProvider(epoch), options);
        await using var forOurs = await StartAsync(new FakeTimeProvider(epoch), options);

        List<(JsonObject Step, DriverResult Js, DriverResult Ours)> outcomes = [];
        async Task<(IReadOnlyList<DriverResult> Js, IReadOnlyList<DriverResult> Ours)> RunBothAsync(IEnumerable<JsonObject> batch)
        {
            var list = batch.ToList();
            if (list.Count == 0)
            {
                return ([], []);
            }

            var js = await RunAsync(forJs, list);
            var ours = await OwnClientDriver.RunAsync(forOurs, list);
            outcomes.AddRange(list.Select((step, i) => (step, js[i], ours[i])));
            return (js, ours);
        }

        await RunBothAsync(setup(null));
        var started = await RunBothAsync(start(null));
        var taskId = started.Js.Count > 0 && started.Js[0].Ok ? started.Js[0].Get("taskId") : "t-0000000000";
        if (started.Ours.Count > 0)
        {
            started.Ours[0].Get("taskId").ShouldBe(taskId, "the two emulators must hand out the same task IDs");
        }

        await RunBothAsync(steps(taskId));

        outcomes.ShouldNotBeEmpty();
        foreach (var (step, js, ours) in outcomes)
        {
            var context = $"step {step.ToJsonString()}\n  official JS client: {js}\n  our client:        {ours}";
            ours.Ok.ShouldBe(js.Ok, context);
            if (step["control"] is not null)
            {
                continue;
            }

            if (!js.Ok)
            {
                ours.Name.ShouldBe(js.Name, context);
                if (ours.Node["clientSide"] is null)
                {
                    ours.Status.ShouldBe(js.Status, context);
                    ours.Reason.ShouldBe(js.Reason, context);
                }

                continue;
            }

            if (js.Node["pages"] is JsonArray jsPages)
            {
                var ourPages = ours.Node["pages"]!.AsArray();
                ourPages.Count.ShouldBe(jsPages.Count, context);
                for (var i = 0; i < jsPages.Count; i++)
                {
                    ourPages[i]!["ids"]!.ToJsonString().ShouldBe(jsPages[i]!["ids"]!.ToJsonString(), context);
                    (ourPages[i]!["nextToken"] is null).ShouldBe(jsPages[i]!["nextToken"] is null, context);
                }

                continue;
            }

            JsonNode.DeepEquals(ours.Output, js.Output).ShouldBeTrue(context);
        }
    }
}
