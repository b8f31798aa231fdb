namespace NeptuneNotifier.Core;

/// <summary>
/// A store that holds both the registry of tracked tasks and their notification outbox, on one item per task (see
/// <c>docs/state-schema.md</c>). Code that needs only one side takes <see cref="ITaskRegistry"/> or
/// <see cref="INotificationOutbox"/>.
/// </summary>
public interface ITaskStateStore : ITaskRegistry, INotificationOutbox, IAlertWatchStore;
