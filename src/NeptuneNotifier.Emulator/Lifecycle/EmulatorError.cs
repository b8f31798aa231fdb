namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>Why the emulated service refuses an operation, before it is put in the service's wire shape.</summary>
internal enum EmulatorErrorKind
{
    /// <summary>No such graph or task.</summary>
    NotFound,

    /// <summary>The graph or task is in a state that does not allow the operation.</summary>
    Conflict,

    /// <summary>The request cannot be served as asked; <see cref="EmulatorException.Reason"/> says why in the model's terms.</summary>
    Validation,

    /// <summary>A limit of the emulated account is reached (<see cref="EmulatorOptions.MaxActiveTasksPerGraph"/>).</summary>
    Quota,
}

/// <summary>
/// A refusal by the lifecycle. It knows nothing of HTTP: the HTTP layer answers it in the service's error shape
/// (<see cref="Http.ApiException.From"/>).
/// </summary>
internal sealed class EmulatorException(EmulatorErrorKind kind, string message, string? reason = null) : Exception(message)
{
    public EmulatorErrorKind Kind { get; } = kind;

    /// <summary>For <see cref="EmulatorErrorKind.Validation"/>: the model's ValidationExceptionReason (e.g. BAD_REQUEST).</summary>
    public string? Reason { get; } = reason;

    public static EmulatorException NotFound(string message) => new(EmulatorErrorKind.NotFound, message);

    public static EmulatorException Conflict(string message) => new(EmulatorErrorKind.Conflict, message);

    public static EmulatorException Validation(string message, string reason) => new(EmulatorErrorKind.Validation, message, reason);

    public static EmulatorException Quota(string message) => new(EmulatorErrorKind.Quota, message);
}
