using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>
/// ListExportTasks as the official JS client pages it over a graph with a long past, and a listing that lags behind
/// GetExportTask or leaves a task out, set up over the control routes.
/// </summary>
public sealed class ListingConformanceTests : EmulatorConformance
{
    private static readonly EmulatorOptions PastOfTen = new(Scenario: new EmulatorScenario(
        [new ScenarioGraph("g-orders0001", "orders-graph", PastExports: 10), new ScenarioGraph("g-social0001", "social-graph")]))
    {
        MaxActiveTasksPerGraph = 10,
    };

    [Fact]
    public async Task PaginateListExportTasks_TenPastExportsPagesOfFive_TwoPagesTheLastWithoutToken()
    {
        // Arrange
        await StartAsync(PastOfTen);

        // Act
        var results = await RunAsync(
        [
            Paginate("ListExportTasks", 5, new { graphIdentifier = "g-orders0001" }),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001" }),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001", nextToken = "%%%not-a-token" }),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001", maxResults = 100 }),
        ]);

        // Assert: a trailing token would have made the paginator ask for a third, empty page.
        var pages = results[0].Node["pages"]!.AsArray();
        results[0].Ok.ShouldBeTrue(results[0].ToString());
        pages.Select(page => page!["count"]!.GetValue<int>()).ShouldBe([5, 5]);
        pages[^1]!["nextToken"].ShouldBeNull();
        var unbounded = results[1].Output;
        unbounded["tasks"]!.AsArray().Count.ShouldBe(10, "without maxResults the emulator answers up to 100");
        unbounded["nextToken"].ShouldBeNull();
        unbounded["tasks"]!.AsArray().Select(task => task!["status"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(["CANCELLED", "FAILED", "SUCCEEDED"]);
        var rejected = results[2];
        rejected.Name.ShouldBe("ValidationException", rejected.ToString());
        rejected.Status.ShouldBe(400);
        rejected.Message.ShouldNotBeNull().ShouldContain("nextToken");
        rejected.Reason.ShouldBe("BAD_REQUEST");
        results[3].Output["tasks"]!.AsArray().Count.ShouldBe(10);
    }

    [Fact]
    public async Task ListExportTasks_TasksStartedBetweenPages_NextTokenStillServesEveryTaskOnce()
    {
        // Arrange
        await StartAsync(PastOfTen);
        var first = await RunOneAsync(Call("ListExportTasks", new { graphIdentifier = "g-orders0001", maxResults = 4 }));
        var token = first.Get("nextToken");

        // Act
        var results = await RunAsync(
        [
            StartExport(), StartExport(),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001", maxResults = 100, nextToken = token }),
        ]);

        // Assert
        var rest = results[2].Output["tasks"]!.AsArray().Select(task => task!["taskId"]!.GetValue<string>()).ToList();
        var firstIds = first.Output["tasks"]!.AsArray().Select(task => task!["taskId"]!.GetValue<string>()).ToList();
        rest.Count.ShouldBe(8, results[2].ToString());
        rest.Intersect(firstIds).ShouldBeEmpty();
        rest[^2..].ShouldBe([results[0].Get("taskId"), results[1].Get("taskId")]);
        results[2].Output["nextToken"].ShouldBeNull();
    }

    [Fact]
    public async Task LaggingAndOmittedListing_OverControlRoutes_OfficialClientListsOldStatusAndMissingTaskWhileGetIsCurrent()
    {
        // Arrange: INITIALIZING for 30 s, then EXPORTING.
        await StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 2 });
        var lagging = await StartExportAsync();
        var omitted = await StartExportAsync();
        var list = Call("ListExportTasks", new { graphIdentifier = "g-orders0001" });

        // Act
        var results = await RunAsync(
        [
            AdvanceClock(40),
            Control("PUT", $"/_emulator/tasks/{lagging}/listing-lag", new { seconds = 20 }),
            Control("PUT", $"/_emulator/tasks/{omitted}/listing-omission", new { listings = 1 }),
            list,
            GetExport(lagging),
            GetExport(omitted),
            list,
            Control("DELETE", $"/_emulator/tasks/{lagging}/listing-lag"),
            Control("PUT", "/_emulator/graphs/g-orders0001/listing-lag", new { seconds = 35 }),
            list,
            Control("PUT", $"/_emulator/tasks/{lagging}/listing-lag", new { seconds = -1 }),
            Control("PUT", "/_emulator/tasks/t-0000000000/listing-omission"),
        ]);

        // Assert
        results.Take(3).ShouldAllBe(result => result.Ok, string.Join("\n", results.Take(3)));
        Entries(results[3]).ShouldBe([(lagging, "INITIALIZING")]);
        results[4].Get("status").ShouldBe("EXPORTING");
        results[5].Get("status").ShouldBe("EXPORTING");
        Entries(results[6]).ShouldBe([(lagging, "INITIALIZING"), (omitted, "EXPORTING")]);
        results[7].Status.ShouldBe(204);
        Entries(results[9]).ShouldBe([(lagging, "INITIALIZING"), (omitted, "INITIALIZING")]);
        results[10].Status.ShouldBe(400, results[10].ToString());
        results[11].Status.ShouldBe(404, results[11].ToString());
    }

    private static List<(string TaskId, string Status)> Entries(DriverResult listing) =>
        [.. (listing.Output["tasks"]?.AsArray() ?? []).Select(task => (task!["taskId"]!.GetValue<string>(), task["status"]!.GetValue<string>()))];
}
