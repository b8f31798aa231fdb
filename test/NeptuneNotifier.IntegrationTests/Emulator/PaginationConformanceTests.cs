using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>maxResults and nextToken over many tasks, with the official client's paginators.</summary>
public sealed class PaginationConformanceTests : EmulatorConformance
{
    [Fact]
    public async Task PaginateListExportTasks_TwentyThreeTasksPagesOfFive_ReturnsEveryTaskOnceInOrder()
    {
        // Arrange
        await StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 100 });
        var started = await RunAsync(Enumerable.Range(0, 23).Select(i => StartExport(i % 2 == 0 ? "g-orders0001" : "g-social0001")));
        var ids = started.Select(result => result.Get("taskId")).ToList();

        // Act
        var results = await RunAsync(
        [
            Paginate("ListExportTasks", 5),
            Paginate("ListExportTasks", 5, new { graphIdentifier = "g-social0001" }),
        ]);

        // Assert
        var all = results[0];
        all.Ok.ShouldBeTrue(all.ToString());
        var pages = all.Node["pages"]!.AsArray();
        pages.Select(page => page!["count"]!.GetValue<int>()).ShouldBe([5, 5, 5, 5, 3]);
        pages.SelectMany(page => page!["ids"]!.AsArray().Select(id => id!.GetValue<string>())).ShouldBe(ids);
        pages[^1]!["nextToken"].ShouldBeNull();

        var social = results[1].Node["pages"]!.AsArray();
        social.SelectMany(page => page!["ids"]!.AsArray().Select(id => id!.GetValue<string>())).ShouldBe(ids.Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public async Task ListExportTasks_NextTokenFromAnotherListing_RaisesValidationException()
    {
        // Arrange
        await StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 100 });
        await RunAsync([StartExport(), StartExport(), StartExport()]);
        var first = await RunOneAsync(Call("ListExportTasks", new { maxResults = 2 }));
        var token = first.Get("nextToken");

        // Act
        var results = await RunAsync(
        [
            Call("ListExportTasks", new { maxResults = 2, nextToken = token }),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001", nextToken = token }),
            Call("ListImportTasks", new { nextToken = token }),
            Call("ListExportTasks", new { nextToken = "not-a-token" }),
        ]);

        // Assert
        first.Output["tasks"]!.AsArray().Count.ShouldBe(2);
        results[0].Output["tasks"]!.AsArray().Count.ShouldBe(1);
        results[0].Output["nextToken"].ShouldBeNull();
        foreach (var rejected in results.Skip(1))
        {
            rejected.Name.ShouldBe("ValidationException", rejected.ToString());
            rejected.Status.ShouldBe(400);
            rejected.Reason.ShouldBe("BAD_REQUEST");
        }
    }

    [Fact]
    public async Task PaginateListGraphs_PageSizeOne_ReturnsEveryGraph()
    {
        // Arrange
        await StartAsync();
        Emulator.Control.AddGraph(new ScenarioGraph("g-added00001", "added-graph"));

        // Act
        var result = await RunOneAsync(Paginate("ListGraphs", 1));

        // Assert
        var pages = result.Node["pages"]!.AsArray();
        pages.SelectMany(page => page!["ids"]!.AsArray().Select(id => id!.GetValue<string>()))
            .ShouldBe(["g-orders0001", "g-social0001", "g-added00001"]);
    }
}
