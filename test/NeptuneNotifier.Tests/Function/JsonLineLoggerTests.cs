using Microsoft.Extensions.Logging;
using NeptuneNotifier.Function.Observability;

namespace NeptuneNotifier.Tests.Function;

public sealed class JsonLineLoggerTests
{
    private readonly StringWriter output = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 8, 15, 30, 250, TimeSpan.Zero));

    [Fact]
    public void Log_ReturnsOnlyOnceItsLineIsWritten()
    {
        using var factory = Factory(LogLevel.Information);
        var logger = factory.CreateLogger("NeptuneNotifier.Function.NotifierFunction");

        logger.LogInformation("Checked {Count} tasks", 3);

        // Nothing is left to a thread of the logger's own: Lambda may freeze the sandbox right after the answer.
        Lines().ShouldHaveSingleItem().GetProperty("Message").GetString().ShouldBe("Checked 3 tasks");
    }

    [Fact]
    public void Log_WritesTheJsonConsoleFormattersMembers()
    {
        using var factory = Factory(LogLevel.Information);
        var logger = factory.CreateLogger("NeptuneNotifier.Function.Runtime.RuntimeLoop");

        using (logger.BeginScope(new Dictionary<string, object?> { ["AwsRequestId"] = "8476a536-e9f4-11e8-9739-2dfe598c3fcd" }))
        {
            logger.Log(
                LogLevel.Warning,
                new EventId(7, "Poll"),
                new InvalidOperationException("the table is gone"),
                "Graph {GraphId}: {Count} tasks, cut short {CutShort}, {Milliseconds} ms, {Share} done, {Missing}",
                "g-0123456789",
                3,
                true,
                12.5,
                0.1f,
                null);
        }

        var line = Lines().ShouldHaveSingleItem();
        line.GetProperty("Timestamp").GetString().ShouldBe("2026-11-30T08:15:30.250Z");
        line.GetProperty("EventId").GetInt32().ShouldBe(7);
        line.GetProperty("LogLevel").GetString().ShouldBe("Warning");
        line.GetProperty("Category").GetString().ShouldBe("NeptuneNotifier.Function.Runtime.RuntimeLoop");
        line.GetProperty("Message").GetString().ShouldBe("Graph g-0123456789: 3 tasks, cut short True, 12.5 ms, 0.1 done, (null)");
        line.GetProperty("Exception").GetString()!.ShouldStartWith("System.InvalidOperationException: the table is gone");
        // The members, in order, that Microsoft.Extensions.Logging.Console's JSON formatter writes for the same call.
        line.EnumerateObject().Select(member => member.Name).ShouldBe(["Timestamp", "EventId", "LogLevel", "Category", "Message", "Exception", "State", "Scopes"]);
        var state = line.GetProperty("State");
        state.EnumerateObject().Select(member => member.Name).ShouldBe(["GraphId", "Count", "CutShort", "Milliseconds", "Share", "Missing", "{OriginalFormat}"]);
        state.GetProperty("GraphId").GetString().ShouldBe("g-0123456789");
        state.GetProperty("Count").GetInt32().ShouldBe(3);
        state.GetProperty("CutShort").GetBoolean().ShouldBeTrue();
        state.GetProperty("Milliseconds").GetDouble().ShouldBe(12.5);
        state.GetProperty("Share").GetRawText().ShouldBe("0.1");
        state.GetProperty("Missing").ValueKind.ShouldBe(JsonValueKind.Null);
        state.GetProperty("{OriginalFormat}").GetString().ShouldBe("Graph {GraphId}: {Count} tasks, cut short {CutShort}, {Milliseconds} ms, {Share} done, {Missing}");
        line.GetProperty("Scopes").EnumerateArray().ShouldHaveSingleItem().GetProperty("AwsRequestId").GetString().ShouldBe("8476a536-e9f4-11e8-9739-2dfe598c3fcd");
    }

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(1e20, "1E+20")]
    [InlineData(-0.5, "-0.5")]
    public void Log_DoubleValue_IsValidJson(double value, string expected)
    {
        using var factory = Factory(LogLevel.Information);

        factory.CreateLogger("NeptuneNotifier.Core.Polling.PollCycle").LogInformation("Rate {Rate}", value);

        Lines().ShouldHaveSingleItem().GetProperty("State").GetProperty("Rate").GetRawText().ShouldBe(expected);
    }

    [Fact]
    public void Log_BelowTheMinimumLevel_WritesNothing()
    {
        using var factory = Factory(LogLevel.Warning);
        var logger = factory.CreateLogger("NeptuneNotifier.Core.Polling.PollCycle");

        logger.LogInformation("Checked {Count} tasks", 3);
        logger.LogWarning("Throttled");

        Lines().ShouldHaveSingleItem().GetProperty("LogLevel").GetString().ShouldBe("Warning");
    }

    [Fact]
    public async Task Log_FromParallelTasks_KeepsEachLineWhole()
    {
        using var factory = Factory(LogLevel.Information);
        var logger = factory.CreateLogger("NeptuneNotifier.Core.Polling.PollCycle");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(
            () =>
            {
                for (var i = 0; i < 200; i++)
                {
                    logger.LogInformation("Task {TaskId} of worker {Worker}: {Padding}", $"t-{i:D10}", worker, new string('x', 300));
                }
            },
            TestContext.Current.CancellationToken)));

        var lines = Lines();
        lines.Count.ShouldBe(1600);
        lines.Select(line => line.GetProperty("Message").GetString()).Distinct().Count().ShouldBe(1600);
    }

    private ILoggerFactory Factory(LogLevel minimum) =>
        LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum).AddProvider(new JsonLineLoggerProvider(output, time)));

    private List<JsonElement> Lines()
    {
        var text = output.ToString();
        text.ShouldEndWith("\n");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }
}
