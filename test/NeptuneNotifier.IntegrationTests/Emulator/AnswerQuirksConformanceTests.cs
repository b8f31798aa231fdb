using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>
/// Sparse answers and malformed list entries, set up over the control routes, as the official JS client and our own
/// client read them from the emulator.
/// </summary>
public sealed class AnswerQuirksConformanceTests : EmulatorConformance
{
    [Fact]
    public async Task SparseTaskAndMalformedEntry_OfficialClient_SeesOnlyTheFourMembersAndTheEntryFirst()
    {
        // Arrange
        await StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 2 });
        var sparseId = await StartExportAsync();
        var fullId = await StartExportAsync();

        // Act
        var results = await RunAsync(
        [
            Control("PUT", $"/_emulator/tasks/{sparseId}/sparse"),
            Control("PUT", $"/_emulator/tasks/{sparseId}/status", new { status = "FAILED", reason = "Access denied" }),
            Control("POST", "/_emulator/graphs/g-orders0001/malformed-export-entries"),
            Control("POST", "/_emulator/graphs/g-orders0001/malformed-export-entries", new { entry = new { taskId = 42, status = "FAILED" } }),
            GetExport(sparseId),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001" }),
            Call("ListExportTasks", new { graphIdentifier = "g-social0001" }),
            Control("DELETE", $"/_emulator/tasks/{sparseId}/sparse"),
            Control("DELETE", "/_emulator/graphs/g-orders0001/malformed-export-entries"),
            GetExport(sparseId),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001" }),
        ]);

        // Assert
        results.Take(4).ShouldAllBe(result => result.Ok, string.Join("\n", results.Take(4)));
        var sparse = results[4].Output.AsObject();
        sparse.Select(member => member.Key).Order(StringComparer.Ordinal).ToList().ShouldBe(["graphId", "status", "statusReason", "taskId"], results[4].ToString());
        (sparse["status"]!.GetValue<string>(), sparse["statusReason"]!.GetValue<string>()).ShouldBe(("FAILED", "Access denied"));

        var tasks = results[5].Output["tasks"]!.AsArray();
        tasks.Count.ShouldBe(4, results[5].ToString());
        tasks[0]!.AsObject().ContainsKey("taskId").ShouldBeFalse();
        tasks[1]!["taskId"]!.GetValue<int>().ShouldBe(42);
        tasks[2]!.AsObject().Select(member => member.Key).Order(StringComparer.Ordinal).ToList().ShouldBe(["graphId", "status", "statusReason", "taskId"]);
        tasks[2]!["taskId"]!.GetValue<string>().ShouldBe(sparseId);
        tasks[3]!["taskId"]!.GetValue<string>().ShouldBe(fullId);
        tasks[3]!["roleArn"]!.GetValue<string>().ShouldBe(TestAccount.RoleArn);
        (results[6].Output["tasks"]?.AsArray().Count ?? 0).ShouldBe(0, results[6].ToString());

        results[9].Output["roleArn"]!.GetValue<string>().ShouldBe(TestAccount.RoleArn);
        results[10].Output["tasks"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task SparseTaskAndMalformedEntry_OurClient_ReadsTheTaskAndListsTheValidEntries()
    {
        // Arrange
        await StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 2 });
        var sparseId = await StartExportAsync();
        var fullId = await StartExportAsync();
        Emulator.Control.AnswerSparsely(sparseId);
        Emulator.Control.SetNextStatus(sparseId, "FAILED", "Access denied");
        Emulator.Control.AddMalformedExportEntry("g-orders0001");
        using var client = OwnClientDriver.CreateClient(Emulator);
        var source = new NeptuneExportTaskSource(client);
        var token = TestContext.Current.CancellationToken;

        // Act
        var snapshot = await source.GetExportTaskAsync(sparseId, token);
        var listed = await source.ListExportTasksPageAsync("g-orders0001", nextToken: null, token);

        // Assert
        snapshot.ShouldBe(new TaskSnapshot { TaskId = sparseId, GraphId = "g-orders0001", Status = NeptuneTaskStatus.Failed, StatusReason = "Access denied" });
        listed.Tasks.ShouldBe([new ListedTask(sparseId, NeptuneTaskStatus.Failed, "g-orders0001"), new ListedTask(fullId, NeptuneTaskStatus.Initializing, "g-orders0001")]);
        listed.NextToken.ShouldBeNull();
    }
}
