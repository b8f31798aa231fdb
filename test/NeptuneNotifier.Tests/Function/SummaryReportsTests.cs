using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NeptuneNotifier.Cli.Commands;
using NeptuneNotifier.Function;
using NeptuneNotifier.Function.Runtime;

namespace NeptuneNotifier.Tests.Function;

// Every report of a cycle (log line, the function's response, the metrics, the CLI) goes through PollCycleSummary.Figures.
public sealed class SummaryReportsTests
{
    private readonly FakeTimeProvider time = new(TestData.Start);
    private readonly InMemoryTaskStateStore store = new();
    private readonly FakeExportTaskSource source = new();
    private readonly StateLogger cycleLog = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PollInvocation_LogLineResponseAndMetrics_NameEveryFigureOfTheOneList()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        using var metrics = new StringWriter();

        var response = await Function(metrics).HandleAsync(PollInvocation(), Token);

        using var json = JsonDocument.Parse(response);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["command", .. PollCycleSummary.Figures.Select(f => f.Member)]);
        using var emf = JsonDocument.Parse(metrics.ToString());
        var declared = emf.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray();
        declared.Select(m => m.GetProperty("Name").GetString()).ShouldBe(PollCycleSummary.Figures.Where(f => f.Metric is not null).Select(f => f.Metric));
        emf.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["_aws", "FunctionName", .. PollCycleSummary.Figures.Where(f => f.Metric is not null).Select(f => f.Metric!)]);
        var finished = cycleLog.Entries.Single(e => e.Message.StartsWith("Poll cycle finished", StringComparison.Ordinal));
        finished.State.Select(p => p.Key).Where(k => k != "{OriginalFormat}").ShouldBe(PollCycleSummary.Figures.Select(f => f.Name));
    }

    [Fact]
    public async Task PollInvocation_FirstSighting_ResponseAndLogLineKeepTheirFormat()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        using var metrics = new StringWriter();

        var response = await Function(metrics).HandleAsync(PollInvocation(), Token);

        Encoding.UTF8.GetString(response).ShouldBe(
            """{"command":"poll","checked":1,"changed":1,"published":1,"republished":0,"failed":0,"skipped":0,"discovered":0,"recorded":0,"confirmed":0,"listingPages":0,"alerts":0,"cutShort":false,"durationMs":0}""");
        cycleLog.Entries.Select(e => e.Message).ShouldContain(
            "Poll cycle finished: 1 checked, 1 changed, 1 published, 0 republished, 0 failed, 0 skipped, 0 discovered, 0 recorded as history, 0 unchanged as listed, 0 listing pages, 0 alerts, cut short False, in 0 ms");
    }

    [Theory]
    [InlineData(true, "1 checked, 2 changed, 3 published, 6 republished, 4 failed, 5 skipped, 7 discovered, 8 recorded as history, 9 unchanged as listed, 10 listing pages, 11 alerts in 1.2s (cut short)")]
    [InlineData(false, "1 checked, 2 changed, 3 published, 6 republished, 4 failed, 5 skipped, 7 discovered, 8 recorded as history, 9 unchanged as listed, 10 listing pages, 11 alerts in 1.2s")]
    public void CliLine_Summary_WritesEveryFigureWithItsValue(bool cutShort, string expected)
    {
        var summary = new PollCycleSummary(1, 2, 3, 4, 5, 6, 7, cutShort, TimeSpan.FromMilliseconds(1234.5)) { Recorded = 8, Confirmed = 9, ListingPages = 10, Alerts = 11 };

        var line = Watcher.Describe(summary);

        line.ShouldBe(expected);
        foreach (var figure in PollCycleSummary.Figures.Where(f => f.Unit == FigureUnit.Count))
        {
            line.ShouldContain($"{figure.Value(summary)} {figure.Label}");
        }
    }

    // The line of every figure is 165 columns: in an 80-column terminal the figures that are 0 give way, checked excepted.
    [Fact]
    public void CliLine_NarrowConsole_LeavesOutTheFiguresThatAreZero()
    {
        var summary = new PollCycleSummary(2, 2, 2, 0, 0, 0, 0, false, TimeSpan.FromMilliseconds(300));
        var quiet = new PollCycleSummary(5, 0, 0, 0, 0, 0, 0, false, TimeSpan.FromMilliseconds(300));

        Watcher.Describe(summary, 73).ShouldBe("2 checked, 2 changed, 2 published in 0.3s");
        Watcher.Describe(quiet, 73).ShouldBe("5 checked in 0.3s");
        Watcher.Describe(summary, 200).ShouldBe("2 checked, 2 changed, 2 published, 0 republished, 0 failed, 0 skipped, 0 discovered, 0 recorded as history, 0 unchanged as listed, 0 listing pages, 0 alerts in 0.3s");
    }

    private NotifierFunction Function(TextWriter metrics)
    {
        var options = new PollCycleOptions();
        var cycle = new PollCycle(store, source, TestData.Sns(new RecordingChannel()), options, time, cycleLog);
        var tracker = new StartedExportTracker(store, source, options, time, NullLogger<StartedExportTracker>.Instance);
        return new NotifierFunction(cycle, store, tracker, TestAccount.Region, "notifier", metrics, time, NullLogger<NotifierFunction>.Instance);
    }

    private static Invocation PollInvocation() =>
        new("request-1", TestData.Start.AddMinutes(1), TestAccount.FunctionArn, null, """{"poll":true}"""u8.ToArray());

    private async Task TrackAsync(NeptuneTaskStatus status)
    {
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, status);
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), Token);
    }

    /// <summary>Keeps every entry with its rendered message and its structured values.</summary>
    private sealed class StateLogger : ILogger<PollCycle>
    {
        public ConcurrentQueue<(string Message, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}
