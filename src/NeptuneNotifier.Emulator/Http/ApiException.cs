using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>An error answered the way the service answers it: status code, <c>x-amzn-ErrorType</c>, JSON body.</summary>
internal sealed class ApiException(int statusCode, string errorType, string message, string? reason = null, string? errorTypeSuffix = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ErrorType { get; } = errorType;

    public string? Reason { get; } = reason;

    /// <summary>Some front ends append a namespace after a colon; clients strip it, and the emulator sends it where AWS does.</summary>
    public string? ErrorTypeSuffix { get; } = errorTypeSuffix;

    public static ApiException Validation(string message, string reason = "CONSTRAINT_VIOLATION") =>
        new(400, "ValidationException", message, reason);

    public static ApiException NotFound(string message) => new(404, "ResourceNotFoundException", message);

    public static ApiException Conflict(string message) => new(409, "ConflictException", message, "CONCURRENT_MODIFICATION");

    public static ApiException Throttling(string message = "Rate exceeded") => new(429, "ThrottlingException", message);

    public static ApiException Internal(string message = "An internal error occurred. Please retry your request.") =>
        new(500, "InternalServerException", message);

    /// <summary>The one place where a refusal by the lifecycle becomes the service's answer.</summary>
    public static ApiException From(EmulatorException error) => error.Kind switch
    {
        EmulatorErrorKind.NotFound => NotFound(error.Message),
        EmulatorErrorKind.Conflict => Conflict(error.Message),
        // StartExportTask and StartImportTask model no ServiceQuotaExceededException, only Conflict, Validation,
        // ResourceNotFound, Throttling and InternalServer: a graph at its task limit answers as a busy graph does.
        EmulatorErrorKind.Quota => Conflict(error.Message),
        EmulatorErrorKind.Validation => Validation(error.Message, error.Reason ?? "BAD_REQUEST"),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "An emulator error kind without an answer."),
    };

    /// <summary>Builds one of the five errors the model lists for these operations, for scripted error injection.</summary>
    public static ApiException Modeled(string errorType, string? message) => errorType switch
    {
        "ValidationException" => Validation(message ?? "Injected validation error.", "BAD_REQUEST"),
        "ResourceNotFoundException" => NotFound(message ?? "Injected: resource not found."),
        "ConflictException" => Conflict(message ?? "Injected: concurrent modification."),
        "ThrottlingException" => Throttling(message ?? "Rate exceeded"),
        "InternalServerException" => Internal(message ?? "Injected internal error."),
        _ => throw new ArgumentException($"Error type '{errorType}' is not one of {string.Join(", ", ModeledErrorTypes)}.", nameof(errorType)),
    };

    public static IReadOnlyList<string> ModeledErrorTypes { get; } =
        ["ValidationException", "ResourceNotFoundException", "ConflictException", "ThrottlingException", "InternalServerException"];
}
