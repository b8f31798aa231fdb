using NeptuneNotifier.Emulator.Http;
using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator;

/// <summary>
/// Scenario control for tests and demos: move the clock, add graphs, steer or delete tasks, inject faults.
/// The same actions are served over HTTP under <c>/_emulator/</c>.
/// </summary>
public sealed class EmulatorControl
{
    private readonly EmulatorState state;
    private readonly FaultInjector faults;

    internal EmulatorControl(EmulatorState state, FaultInjector faults)
    {
        this.state = state;
        this.faults = faults;
    }

    /// <summary>The emulator's current time: the injected clock plus every <see cref="AdvanceTime"/>.</summary>
    public DateTimeOffset Now => state.Clock.Now;

    /// <summary>Moves the emulator's clock forward; tasks progress accordingly on their next read.</summary>
    public void AdvanceTime(TimeSpan by) => state.Clock.Advance(by);

    /// <summary>Adds a graph; throws <see cref="ArgumentException"/> for an invalid or duplicate graph.</summary>
    public void AddGraph(ScenarioGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        state.AddGraph(graph);
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

    /// <summary>Removes the task: reads answer ResourceNotFoundException afterwards. False when there was no such task.</summary>
    public bool DeleteTask(string taskId) => state.DeleteTask(taskId);

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
}
