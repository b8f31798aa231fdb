using NeptuneNotifier.Core.Notifications;

namespace NeptuneNotifier.Function.Runtime;

/// <summary>
/// Where the function runs, as Lambda names it in each invocation's <c>Lambda-Runtime-Invoked-Function-Arn</c>
/// header: the partition and account of the tasks, for the ARNs the function writes (the events' resources). Lambda
/// sends no such value at init, so it is learnt from the invocations, the latest one that carried it winning (every
/// invocation of a sandbox names the same function; only the qualifier may differ).
/// </summary>
/// <param name="region">The function's Region (AWS_REGION), which is the tasks' Region.</param>
internal sealed class InvokedFunction(string region)
{
    private ResourceScope? scope;

    /// <summary>The tasks' partition, Region and account; null until an invocation named the function's ARN.</summary>
    public ResourceScope? Scope => Volatile.Read(ref scope);

    /// <summary>Learns the account from an invocation's function ARN; an invocation without one changes nothing.</summary>
    public void Observe(string? invokedFunctionArn)
    {
        if (ResourceScope.AccountOf(invokedFunctionArn) is not { } account)
        {
            return;
        }

        var known = Scope;
        if (known is null || known.Partition != account.Partition || known.AccountId != account.AccountId)
        {
            Volatile.Write(ref scope, new ResourceScope(account.Partition, region, account.AccountId));
        }
    }
}
