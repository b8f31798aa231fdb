using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>Fault injection as the official client experiences it: throttling, internal errors, latency, retries.</summary>
public sealed class FaultInjectionConformanceTests : EmulatorConformance
{
    [Fact]
    public async Task RequestsPerSecondLimit_ExceededWithinOneSecond_AnswersThrottlingUntilClockMoves()
    {
        // Arrange
        await StartAsync();
        var taskId = await StartExportAsync();
        var get = GetExport(taskId);

        // Act
        var results = await RunAsync(
        [
            Control("PUT", "/_emulator/faults/GetExportTask", new { requestsPerSecond = 3 }),
            get, get, get, get, get, Call("ListGraphs"),
            AdvanceClock(1),
            get,
        ]);

        // Assert
        results[0].Status.ShouldBe(204, results[0].ToString());
        results.Skip(1).Take(3).ShouldAllBe(result => result.Ok);
        foreach (var throttled in results.Skip(4).Take(2))
        {
            throttled.Name.ShouldBe("ThrottlingException", throttled.ToString());
            throttled.Typed.ShouldBeTrue();
            throttled.Status.ShouldBe(429);
        }

        results[6].Ok.ShouldBeTrue("other operations keep their own budget");
        results[8].Ok.ShouldBeTrue("a new second brings a new budget");
    }

    [Fact]
    public async Task RandomFaults_SameSeedSameRequests_RepeatExactly()
    {
        // Arrange
        await StartAsync(new EmulatorOptions(Seed: 7));
        var taskId = await StartExportAsync();
        var rule = Control("PUT", "/_emulator/faults/*", new { throttleRate = 0.3, internalErrorRate = 0.2 });
        var calls = Enumerable.Repeat(GetExport(taskId), 30).ToList();

        // Act
        var first = await RunAsync([rule, .. calls]);
        var second = await RunAsync([Control("DELETE", "/_emulator/faults"), rule, .. calls]);

        // Assert
        var firstOutcomes = first.Skip(1).Select(Outcome).ToList();
        var secondOutcomes = second.Skip(2).Select(Outcome).ToList();
        secondOutcomes.ShouldBe(firstOutcomes);
        firstOutcomes.ShouldContain("ok");
        firstOutcomes.ShouldContain("ThrottlingException/429");
        firstOutcomes.ShouldContain("InternalServerException/500");
    }

    [Fact]
    public async Task InjectedThrottling_ClientWithRetries_SucceedsOnSecondAttempt()
    {
        // Arrange
        await StartAsync();

        // Act
        var results = await RunAsync(
            [Control("POST", "/_emulator/faults/ListGraphs/errors", new { error = "ThrottlingException", count = 1 }), Call("ListGraphs")],
            new JsonObject { ["maxAttempts"] = 3 });

        // Assert
        results[1].Ok.ShouldBeTrue(results[1].ToString());
        results[1].Node["attempts"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task AddedLatency_LongerThanClientTimeout_ClientTimesOut()
    {
        // Arrange
        await StartAsync();
        Emulator.Control.SetFaults("ListGraphs", new FaultRule(Latency: TimeSpan.FromSeconds(3)));

        // Act
        var results = await RunAsync([Call("ListGraphs"), Call("ListExportTasks")], new JsonObject { ["requestTimeoutMs"] = 300 });

        // Assert
        results[0].Ok.ShouldBeFalse(results[0].ToString());
        results[0].Name.ShouldBe("TimeoutError");
        results[1].Ok.ShouldBeTrue("latency applies to the configured operation only");
    }

    [Fact]
    public async Task ListingFaults_ThrottlingThenInternalErrors_HitListExportTasksOnlyAsTheirModeledErrors()
    {
        // Arrange
        await StartAsync();
        var taskId = await StartExportAsync();
        var list = Call("ListExportTasks", new { graphIdentifier = "g-orders0001" });

        // Act
        var results = await RunAsync(
        [
            Control("PUT", "/_emulator/faults/ListExportTasks", new { throttleRate = 1.0 }),
            list, GetExport(taskId),
            Control("PUT", "/_emulator/faults/ListExportTasks", new { internalErrorRate = 1.0 }),
            list, GetExport(taskId),
            Control("DELETE", "/_emulator/faults"),
            list,
        ]);

        // Assert
        Outcome(results[1]).ShouldBe("ThrottlingException/429", results[1].ToString());
        results[1].Typed.ShouldBeTrue();
        Outcome(results[4]).ShouldBe("InternalServerException/500", results[4].ToString());
        results[4].Typed.ShouldBeTrue();
        new[] { results[2], results[5], results[7] }.ShouldAllBe(result => result.Ok);
    }

    private static string Outcome(DriverResult result) => result.Ok ? "ok" : $"{result.Name}/{result.Status}";
}
