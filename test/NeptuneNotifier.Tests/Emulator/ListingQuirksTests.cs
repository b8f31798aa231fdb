namespace NeptuneNotifier.Tests.Emulator;

// A listing that lags behind GetExportTask or leaves a task out, on fake time: the listing is a hint, the read the truth.
public sealed class ListingQuirksTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void SetListingLag_TaskThatMovedOn_ListsItsEarlierStatusWhileGetShowsTheCurrentOne()
    {
        // Arrange: INITIALIZING for 30 s, then EXPORTING.
        var emulator = ControlledEmulator.Start(time);
        var taskId = emulator.StartExport();
        time.Advance(TimeSpan.FromSeconds(40));

        // Act
        emulator.Control.SetListingLag(taskId, TimeSpan.FromSeconds(20));
        var lagging = emulator.ListExports("g-orders0001");
        var read = emulator.State.Get(EmulatedTaskKind.Export, taskId).Status;
        time.Advance(TimeSpan.FromSeconds(15));
        var caughtUp = emulator.ListExports("g-orders0001");

        // Assert
        lagging.ShouldBe([(taskId, "INITIALIZING", null)]);
        read.ShouldBe("EXPORTING");
        caughtUp.ShouldBe([(taskId, "EXPORTING", null)]);
    }

    [Fact]
    public void SetListingLag_TaskFailedJustNow_ListsItRunningWithoutReasonUntilTheLagPasses()
    {
        // Arrange
        var emulator = ControlledEmulator.Start(time);
        var taskId = emulator.StartExport();
        time.Advance(TimeSpan.FromSeconds(40));
        emulator.Control.SetNextStatus(taskId, "FAILED", "Access denied");

        // Act
        emulator.Control.SetListingLag(taskId, TimeSpan.FromSeconds(5));
        var before = emulator.ListExports();
        time.Advance(TimeSpan.FromSeconds(5));
        var after = emulator.ListExports();

        // Assert
        before.ShouldBe([(taskId, "EXPORTING", null)]);
        emulator.Control.GetTask(taskId).ShouldNotBeNull().Status.ShouldBe("FAILED");
        after.ShouldBe([(taskId, "FAILED", "Access denied")]);
    }

    [Fact]
    public void SetListingLag_TaskYoungerThanTheLag_IsLeftOutUntilItIsOlder()
    {
        // Arrange
        var emulator = ControlledEmulator.Start(time);
        emulator.Control.SetGraphListingLag("g-orders0001", TimeSpan.FromMinutes(1));
        var taskId = emulator.StartExport();

        // Act
        time.Advance(TimeSpan.FromSeconds(59));
        var young = emulator.ListExports("g-orders0001");
        time.Advance(TimeSpan.FromSeconds(1));
        var old = emulator.ListExports("g-orders0001");

        // Assert
        young.ShouldBeEmpty();
        old.ShouldBe([(taskId, "INITIALIZING", null)]);
    }

    [Fact]
    public void SetGraphListingLag_TasksOfTwoGraphs_LagsOnlyThatGraphAndATaskLagOfItsOwnWins()
    {
        // Arrange
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions { MaxActiveTasksPerGraph = 2 });
        var lagging = emulator.StartExport();
        var ownLag = emulator.StartExport();
        var other = emulator.State.Start(EmulatorStateTests.Request("g-social0001")).Task.TaskId;
        time.Advance(TimeSpan.FromSeconds(40));

        // Act
        emulator.Control.SetGraphListingLag("g-orders0001", TimeSpan.FromSeconds(20));
        emulator.Control.SetListingLag(ownLag, TimeSpan.FromSeconds(5));
        var listed = emulator.ListExports();
        emulator.Control.SetGraphListingLag("g-orders0001", TimeSpan.Zero);
        var cleared = emulator.ListExports("g-orders0001");

        // Assert
        listed.ShouldBe([(lagging, "INITIALIZING", null), (ownLag, "EXPORTING", null), (other, "EXPORTING", null)]);
        cleared.ShouldBe([(lagging, "EXPORTING", null), (ownLag, "EXPORTING", null)]);
    }

    [Fact]
    public void OmitFromListing_ForTwoListings_LeavesTheTaskOutOfTwoPagesThatWouldCarryItThenListsIt()
    {
        // Arrange
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions { MaxActiveTasksPerGraph = 3 });
        var ids = Enumerable.Range(0, 3).Select(_ => emulator.StartExport()).ToList();
        emulator.Control.OmitFromListing(ids[1], listings: 2);

        // Act: the social graph's listing does not carry the task, so it does not count.
        var otherGraph = emulator.ListExports("g-social0001");
        var first = emulator.ListExports("g-orders0001");
        var second = emulator.ListExports();
        var third = emulator.ListExports("g-orders0001");

        // Assert
        otherGraph.ShouldBeEmpty();
        first.Select(entry => entry.TaskId).ShouldBe([ids[0], ids[2]]);
        second.Select(entry => entry.TaskId).ShouldBe([ids[0], ids[2]]);
        third.Select(entry => entry.TaskId).ShouldBe(ids);
        emulator.State.Get(EmulatedTaskKind.Export, ids[1]).Status.ShouldBe("INITIALIZING");
    }

    [Fact]
    public void OmitFromListing_UntilCleared_PageComesOneShortWithTheSameNextTokenUntilRestored()
    {
        // Arrange
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions { MaxActiveTasksPerGraph = 4 });
        var ids = Enumerable.Range(0, 4).Select(_ => emulator.StartExport()).ToList();
        var full = emulator.State.List(EmulatedTaskKind.Export, "g-orders0001", nextToken: null, maxResults: 2, emulator.Listing);

        // Act
        emulator.Control.OmitFromListing(ids[1]);
        var pages = Enumerable.Range(0, 3).Select(_ => emulator.State.List(EmulatedTaskKind.Export, "g-orders0001", nextToken: null, maxResults: 2, emulator.Listing)).ToList();
        var rest = emulator.State.List(EmulatedTaskKind.Export, "g-orders0001", pages[0].NextToken, maxResults: 2, emulator.Listing);
        emulator.Control.RestoreInListing(ids[1]);
        var restored = emulator.ListExports("g-orders0001");

        // Assert
        pages.ShouldAllBe(page => page.Items.Count == 1 && page.Items[0].Task.TaskId == ids[0] && page.NextToken == full.NextToken);
        rest.Items.Select(view => view.Task.TaskId).ShouldBe([ids[2], ids[3]]);
        restored.Select(entry => entry.TaskId).ShouldBe(ids);
    }

    [Fact]
    public void ListingControls_UnknownTaskOrGraphOrBadValue_AreRefused()
    {
        // Arrange
        var emulator = ControlledEmulator.Start(time);
        var taskId = emulator.StartExport();

        // Act / Assert
        Should.Throw<KeyNotFoundException>(() => emulator.Control.SetListingLag("t-0000000000", TimeSpan.FromSeconds(1)));
        Should.Throw<KeyNotFoundException>(() => emulator.Control.SetGraphListingLag("g-missing001", TimeSpan.FromSeconds(1)));
        Should.Throw<KeyNotFoundException>(() => emulator.Control.OmitFromListing("t-0000000000"));
        Should.Throw<ArgumentOutOfRangeException>(() => emulator.Control.SetListingLag(taskId, TimeSpan.FromSeconds(-1)));
        Should.Throw<ArgumentOutOfRangeException>(() => emulator.Control.OmitFromListing(taskId, listings: 0));
    }

    [Fact]
    public void ApplyAnswerQuirks_ScenarioWithGraphLagAndOmittedTask_AppliesBoth()
    {
        // Arrange
        var scenario = new EmulatorScenario(
            [new ScenarioGraph("g-orders0001", "orders", ListingLagSeconds: 60), new ScenarioGraph("g-social0001", "social")],
            [
                new ScenarioExportTask("g-orders0001", TaskId: "t-lagging001"),
                new ScenarioExportTask("g-social0001", TaskId: "t-omitted001", OmitFromListing: new ListingOmission()),
                new ScenarioExportTask("g-social0001", TaskId: "t-ownlag0001", ListingLagSeconds: 45),
            ]);

        // Act
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions(Scenario: scenario));
        time.Advance(TimeSpan.FromSeconds(50));

        // Assert
        emulator.ListExports().ShouldBe([("t-ownlag0001", "INITIALIZING", null)]);
        emulator.Control.GetTask("t-omitted001").ShouldNotBeNull().Status.ShouldBe("EXPORTING");
        emulator.Listing.LagOf("t-lagging001", "g-orders0001").ShouldBe(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task LoadAsync_ReadmeScenarioWithListingQuirks_LagsOneTaskHidesAnotherTwiceAndListsThePast()
    {
        // Arrange: the example from the emulator's README.
        using var file = await ScenarioFile.WriteAsync("""
            {
              "graphs": [ { "id": "g-orders0001", "name": "orders-graph", "pastExports": 50 }, { "id": "g-social0001", "name": "social-graph", "listingLagSeconds": 300 } ],
              "exportTasks": [
                { "graphId": "g-orders0001", "taskId": "t-lagging001", "listingLagSeconds": 60 },
                { "graphId": "g-orders0001", "taskId": "t-hidden0001", "omitFromListing": { "listings": 2 } }
              ]
            }
            """);

        // Act
        var scenario = await file.LoadAsync();
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions(Scenario: scenario));
        time.Advance(TimeSpan.FromSeconds(80));
        var listings = Enumerable.Range(0, 3).Select(_ => emulator.ListExports("g-orders0001")).ToList();

        // Assert
        listings.ShouldAllBe(listing => listing.Count(entry => entry.Status != "INITIALIZING" && entry.Status != "EXPORTING") == 50);
        listings.ShouldAllBe(listing => listing.Contains(new ValueTuple<string, string, string?>("t-lagging001", "INITIALIZING", null)));
        listings.Select(listing => listing.Any(entry => entry.TaskId == "t-hidden0001")).ShouldBe([false, false, true]);
        emulator.Control.GetTask("t-lagging001").ShouldNotBeNull().Status.ShouldBe("EXPORTING");
        emulator.Listing.LagOf("t-any0000001", "g-social0001").ShouldBe(TimeSpan.FromMinutes(5));
    }
}
