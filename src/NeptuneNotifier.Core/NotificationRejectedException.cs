namespace NeptuneNotifier.Core;

/// <summary>
/// The channel answered that it did not take the message (for SNS: an error response carrying an SNS error code,
/// whatever its HTTP status). The message did not go out, so the notification may be retried at once. Every other
/// failure of a publish (a timeout, a cancellation, a dropped connection, an error page that is not the service's own)
/// leaves it unknown whether the message went out.
/// </summary>
public sealed class NotificationRejectedException(string message, Exception innerException) : Exception(message, innerException);
