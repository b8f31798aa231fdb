namespace NeptuneNotifier.Function.Runtime;

/// <summary>One event handed to the function by the Lambda Runtime API.</summary>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? InvokedFunctionArn,
    string? TraceId,
    byte[] Payload);

/// <summary>The error body the Runtime API takes on <c>/error</c> and <c>/init/error</c>.</summary>
internal sealed record FunctionError(string ErrorType, string ErrorMessage)
{
    public static FunctionError From(Exception exception) =>
        new(exception.GetType().Name, exception.Message);
}
