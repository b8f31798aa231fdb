using System.Diagnostics;
using System.Globalization;

namespace NeptuneNotifier.Tests.Emulator;

// A benchmark-sized emulator (100 graphs, each with 50 past exports and 100 running: 15,000 export tasks) must list
// one graph in time proportional to that graph's pages, not to every task the emulator holds: a cycle lists every
// graph, so a scan per page is quadratic.
public sealed class ListingScaleTests
{
    private const int Graphs = 100;
    private const int PastPerGraph = 50;
    private const int RunningPerGraph = 100;
    private const int TasksPerGraph = PastPerGraph + RunningPerGraph;

    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void List_EveryGraphOf150AmongFifteenThousandTasks_ListsEachTaskOnceWithoutScanningTheOthers()
    {
        // Arrange
        var graphIds = Enumerable.Range(0, Graphs).Select(i => "g-scale" + i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
        var scenario = new EmulatorScenario(
            [.. graphIds.Select(id => new ScenarioGraph(id, "scale-graph", PastExports: PastPerGraph))],
            [.. graphIds.SelectMany(id => Enumerable.Repeat(new ScenarioExportTask(id), RunningPerGraph))]);
        var build = Stopwatch.StartNew();
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions(Scenario: scenario));
        build.Stop();

        // Act: one graph in pages of 100, every graph so (what a cycle does), then every graph in pages of 1 (15,000 pages).
        var oneGraph = Stopwatch.StartNew();
        var listed = TaskIds(emulator, graphIds[Graphs / 2], maxResults: 100);
        oneGraph.Stop();
        var cycle = Stopwatch.StartNew();
        var cycleCount = graphIds.Sum(id => emulator.ListExports(id, maxResults: 100).Count);
        cycle.Stop();
        var everyGraph = Stopwatch.StartNew();
        var all = graphIds.SelectMany(id => TaskIds(emulator, id, maxResults: 1)).ToList();
        everyGraph.Stop();

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"15,000 tasks: built in {build.ElapsedMilliseconds} ms; one 150-task graph, 2 pages of 100: {oneGraph.Elapsed.TotalMilliseconds:F2} ms; " +
            $"every graph in pages of 100 (200 pages): {cycle.Elapsed.TotalMilliseconds:F1} ms; every graph in pages of 1 (15,000 pages): {everyGraph.ElapsedMilliseconds} ms");
        cycleCount.ShouldBe(Graphs * TasksPerGraph);
        listed.Count.ShouldBe(TasksPerGraph);
        listed.Distinct().Count().ShouldBe(TasksPerGraph);
        all.Count.ShouldBe(Graphs * TasksPerGraph);
        all.Distinct().Count().ShouldBe(Graphs * TasksPerGraph);
        // Scanning all 15,000 tasks per page takes 225 million checks here (about 5 s); an index takes tens of milliseconds.
        everyGraph.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    private static List<string> TaskIds(ControlledEmulator emulator, string graphId, int maxResults) =>
        [.. emulator.ListExports(graphId, maxResults).Select(entry => entry.TaskId)];
}
