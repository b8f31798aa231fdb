using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Tests.Emulator;

/// <summary>An emulator's state and control without HTTP, on the test's clock, with the quirks it applies.</summary>
internal sealed record ControlledEmulator(EmulatorControl Control, EmulatorState State, AnswerQuirks Quirks, ListingQuirks Listing)
{
    /// <summary>The fake clock the emulator tests start at.</summary>
    public static FakeTimeProvider Clock() => new(TestData.Start);

    /// <summary>Builds the pieces as <see cref="NeptuneEmulator.StartAsync"/> does, the scenario's quirks applied unless a test applies them itself.</summary>
    public static ControlledEmulator Start(TimeProvider time, EmulatorOptions? options = null, bool applyScenarioQuirks = true)
    {
        options ??= new EmulatorOptions();
        var clock = new EmulatorClock(time);
        var state = new EmulatorState(options, clock);
        var quirks = new AnswerQuirks();
        var listing = new ListingQuirks();
        var control = new EmulatorControl(state, new FaultInjector(clock, seed: 1), quirks, listing);
        if (applyScenarioQuirks)
        {
            control.ApplyAnswerQuirks(options.Scenario ?? EmulatorScenario.Default);
        }

        return new ControlledEmulator(control, state, quirks, listing);
    }

    /// <summary>Starts an export of the default graph with the usual request; returns its task id.</summary>
    public string StartExport() => State.Start(EmulatorStateTests.Request()).Task.TaskId;

    /// <summary>Every entry of the export listing, page after page, as (taskId, status, statusReason).</summary>
    public IReadOnlyList<(string TaskId, string Status, string? Reason)> ListExports(string? graphId = null, int? maxResults = null)
    {
        var entries = new List<(string, string, string?)>();
        string? token = null;
        do
        {
            var page = State.List(EmulatedTaskKind.Export, graphId, token, maxResults, Listing);
            entries.AddRange(page.Items.Select(view => (view.Task.TaskId, view.Status, view.StatusReason)));
            token = page.NextToken;
        }
        while (token is not null);
        return entries;
    }
}
