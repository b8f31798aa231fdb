namespace NeptuneNotifier.Function.Runtime;

/// <summary>
/// The account the function runs in, as Lambda names it in each invocation's <c>Lambda-Runtime-Invoked-Function-Arn</c>
/// header: the tasks' account, for the ARNs the function writes (the events' resources). Lambda sends no such value at
/// init, so it is learnt from the invocations, the latest one that carried it winning (every invocation of a sandbox
/// names the same function; only the qualifier may differ).
/// </summary>
internal sealed class InvokedFunction
{
    private string? accountId;

    /// <summary>The function's 12-digit account; null until an invocation named the function's ARN.</summary>
    public string? AccountId => Volatile.Read(ref accountId);

    /// <summary>Learns the account from an invocation's function ARN; an invocation without one changes nothing.</summary>
    public void Observe(string? invokedFunctionArn)
    {
        if (ArnAccount.Of(invokedFunctionArn) is { } account)
        {
            Volatile.Write(ref accountId, account);
        }
    }
}
