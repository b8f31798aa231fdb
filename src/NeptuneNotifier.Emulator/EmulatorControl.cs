using NeptuneNotifier.Emulator.Http;
using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator;

/// <summary>
/// Scenario control for tests and demos: move the clock, add graphs, steer or delete tasks, inject faults, shape
/// answers the way a real service may (sparse tasks, malformed list entries, listings that lag or leave tasks out).
/// The same actions are served over HTTP under <c>/_emulator/</c>.
/// </summary>
public sealed class EmulatorControl
{
    private readonly EmulatorState state;
    private readonly FaultInjector faults;
    private readonly AnswerQuirks quirks;
    private readonly ListingQuirks listing;

    internal EmulatorControl(EmulatorState state, FaultInjector faults, AnswerQuirks quirks, ListingQuirks listing)
    {
        this.state = state;
        this.faults = faults;
        this.quirks = quirks;
        this.listing = listing;
    }

    /// <summary>The emulator's current time: the injected clock plus every <see cref="AdvanceTime"/>.</summary>
    public DateTimeOffset Now => state.Clock.Now;

    /// <summary>Moves the emulator's clock forward; tasks progress accordingly on their next read.</summary>
    public void AdvanceTime(TimeSpan by) => state.Clock.Advance(by);

    /// <summary>
    /// Adds a graph, its past exports, its malformed ListExportTasks entries and its listing lag; throws
    /// <see cref="ArgumentException"/> for an invalid or duplicate graph.
    /// </summary>
    public void AddGraph(ScenarioGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        state.AddGraph(graph);
        ApplyGraphQuirks(graph);
    }

    /// <summary>The task as a client would see it now, or null when there is no such task.</summary>
    public EmulatedTask? GetTask(string taskId) => state.Describe(taskId);

    /// <summary>
    /// Makes the task show <paramref name="status"/> from now on. A terminal status sticks; a running status resumes
    /// the lifecycle from that phase. Throws <see cref="KeyNotFoundException"/> for an unknown task and
    /// <see cref="ArgumentException"/> for a status the task kind does not have.
    /// </summary>
    public void SetNextStatus(string taskId, string status, string? reason = null) => state.ForceStatus(taskId, status, reason);

    /// <summary>Makes the task fail with <paramref name="reason"/> as its statusReason once it reaches <paramref name="atProgressPercentage"/>.</summary>
    public void ScriptFailure(string taskId, int atProgressPercentage, string reason) => state.ScriptFailure(taskId, atProgressPercentage, reason);

    /// <summary>
    /// Stops the task's progress (a stall): it keeps its running status and reports the same progress from
    /// <paramref name="atProgressPercentage"/> on (or from now, when not given or already passed) until
    /// <see cref="ResumeProgress"/>; it never finishes meanwhile. Throws <see cref="KeyNotFoundException"/> for an
    /// unknown task and <see cref="InvalidOperationException"/> for one that has finished.
    /// </summary>
    public void StopProgress(string taskId, int? atProgressPercentage = null) => state.HoldProgress(taskId, atProgressPercentage);

    /// <summary>Lets a task stopped with <see cref="StopProgress"/> progress again.</summary>
    public void ResumeProgress(string taskId) => state.ResumeProgress(taskId);

    /// <summary>
    /// Makes the rest of the task's work take <paramref name="factor"/> (1 to 1,000,000) times as long as planned: a
    /// task that runs long but keeps progressing. Throws <see cref="KeyNotFoundException"/> for an unknown task.
    /// </summary>
    public void SlowDown(string taskId, double factor) => state.SlowDown(taskId, factor);

    /// <summary>Removes the task: reads answer ResourceNotFoundException afterwards. False when there was no such task.</summary>
    public bool DeleteTask(string taskId) => state.DeleteTask(taskId);

    /// <summary>
    /// Makes GetExportTask for this export task answer only <c>taskId</c>, <c>graphId</c>, <c>status</c> and
    /// <c>statusReason</c>, and its ListExportTasks entry likewise, as the task progresses; <paramref name="sparse"/>
    /// false restores full answers. Throws <see cref="KeyNotFoundException"/> for an unknown task and
    /// <see cref="ArgumentException"/> for an import task.
    /// </summary>
    public void AnswerSparsely(string taskId, bool sparse = true)
    {
        var task = EnsureTask(taskId);
        if (task.Kind != "export")
        {
            throw new ArgumentException($"Task {taskId} is an {task.Kind} task; sparse answers are for export tasks.", nameof(taskId));
        }

        quirks.SetSparse(taskId, sparse);
    }

    /// <summary>
    /// Adds a malformed entry to the first page of the graph's ListExportTasks listing (and of the unfiltered listing),
    /// before the real ones: <paramref name="entryJson"/> verbatim (any single JSON value), or by default an entry
    /// without a <c>taskId</c>. Throws <see cref="KeyNotFoundException"/> for an unknown graph and
    /// <see cref="ArgumentException"/> for text that is not JSON.
    /// </summary>
    public void AddMalformedExportEntry(string graphId, string? entryJson = null)
    {
        EnsureGraph(graphId);
        quirks.AddMalformedEntry(graphId, entryJson ?? AnswerQuirks.DefaultMalformedEntry(graphId));
    }

    /// <summary>Applies what a scenario file asks of answers: its graphs' malformed entries and lags, its sparse, lagging and omitted tasks.</summary>
    internal void ApplyAnswerQuirks(EmulatorScenario scenario)
    {
        foreach (var graph in scenario.Graphs)
        {
            ApplyGraphQuirks(graph);
        }

        foreach (var task in scenario.ExportTasks ?? [])
        {
            if (task.TaskId is not { } taskId)
            {
                continue;
            }

            if (task.Sparse)
            {
                AnswerSparsely(taskId);
            }

            if (task.ListingLagSeconds is not null)
            {
                SetListingLag(taskId, ListingLag.Check(task.ListingLagSeconds, $"Export task {taskId}"));
            }

            if (task.OmitFromListing is { } omission)
            {
                OmitFromListing(taskId, omission.Listings);
            }
        }
    }

    /// <summary>Removes the malformed entries added to the graph's listing.</summary>
    public void ClearMalformedExportEntries(string graphId) => quirks.ClearMalformedEntries(graphId);

    /// <summary>
    /// Makes ListExportTasks (and ListImportTasks) list the task with the status and statusReason it had
    /// <paramref name="lag"/> earlier on the emulator's clock, and leave it out while it is younger than that;
    /// GetExportTask still answers the current status. <see cref="TimeSpan.Zero"/> lists it as it is again.
    /// Throws <see cref="KeyNotFoundException"/> for an unknown task.
    /// </summary>
    public void SetListingLag(string taskId, TimeSpan lag)
    {
        EnsureTask(taskId);
        listing.SetTaskLag(taskId, lag);
    }

    /// <summary>
    /// <see cref="SetListingLag"/> for every task of the graph, present and future, that has no lag of its own.
    /// Throws <see cref="KeyNotFoundException"/> for an unknown graph.
    /// </summary>
    public void SetGraphListingLag(string graphId, TimeSpan lag)
    {
        EnsureGraph(graphId);
        listing.SetGraphLag(graphId, lag);
    }

    /// <summary>
    /// Leaves the task out of the next <paramref name="listings"/> ListExportTasks (or ListImportTasks) pages that would
    /// carry it, or of all of them until <see cref="RestoreInListing"/> when no count is given; the page comes one entry
    /// short and its nextToken is unchanged. GetExportTask still answers. Throws <see cref="KeyNotFoundException"/> for
    /// an unknown task.
    /// </summary>
    public void OmitFromListing(string taskId, int? listings = null)
    {
        EnsureTask(taskId);
        listing.Omit(taskId, listings);
    }

    /// <summary>Lists the task again after <see cref="OmitFromListing"/>.</summary>
    public void RestoreInListing(string taskId) => listing.Restore(taskId);

    /// <summary>Sets the faults of one operation (by its API name, or <c>*</c> for all), replacing earlier ones.</summary>
    public void SetFaults(string operation, FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        faults.SetRule(operation, rule);
    }

    /// <summary>Answers the next <paramref name="count"/> calls of <paramref name="operation"/> with a modeled error (e.g. ConflictException).</summary>
    public void InjectErrors(string operation, string errorType, int count = 1, string? message = null) =>
        faults.InjectErrors(operation, errorType, count, message);

    /// <summary>Removes every fault and scripted error, and restarts the fault random sequence from its seed.</summary>
    public void ClearFaults() => faults.Clear();

    private void ApplyGraphQuirks(ScenarioGraph graph)
    {
        foreach (var entry in graph.MalformedExportEntries ?? [])
        {
            quirks.AddMalformedEntry(graph.Id, entry.GetRawText());
        }

        listing.SetGraphLag(graph.Id, ListingLag.Check(graph.ListingLagSeconds, $"Graph {graph.Id}"));
    }

    private void EnsureGraph(string graphId)
    {
        if (!state.HasGraph(graphId))
        {
            throw new KeyNotFoundException($"Graph {graphId} does not exist in the emulator.");
        }
    }

    /// <summary>The task's current view; <see cref="KeyNotFoundException"/> (404 over the control routes) when the emulator does not have it.</summary>
    internal EmulatedTask EnsureTask(string taskId) =>
        state.Describe(taskId) ?? throw EmulatorState.UnknownTask(taskId);
}
