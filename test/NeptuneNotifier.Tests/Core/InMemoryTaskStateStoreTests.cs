namespace NeptuneNotifier.Tests.Core;

/// <summary>The in-memory store the cycle tests use keeps the same contract as the real stores.</summary>
public sealed class InMemoryTaskStateStoreTests : TaskStateStoreContract
{
    protected override Task<ITaskStateStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ITaskStateStore>(new InMemoryTaskStateStore());
}
