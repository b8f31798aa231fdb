namespace NeptuneNotifier.Core.Notifications;

/// <summary>
/// One transition rendered for every kind of reader, independent of the channel that carries it: a channel picks the
/// forms it needs and wraps them in its own envelope.
/// </summary>
/// <param name="Identity">Which transition this is: the values a channel routes or filters by.</param>
/// <param name="DeduplicationKey">
/// Stable across a republish of the same claim (task, version and status), different for every other transition:
/// <c>t-abcdefghij:3:SUCCEEDED</c>. ASCII letters, digits and <c>:_-</c> only, and short (a status that is not a plain
/// token of at most 64 characters is replaced by its SHA-256), so a channel can use it as its deduplication id.
/// </param>
/// <param name="Subject">A one-line subject: printable ASCII, fewer than 100 characters, starting with the status.</param>
/// <param name="EmailText">The readable text (email, SMS, anything without a form of its own).</param>
/// <param name="ChatPayload">The Amazon Q Developer in chat applications custom notification (JSON), for Slack and Microsoft Teams.</param>
/// <param name="MachineEvent">The versioned machine-readable event (JSON, <c>"schemaVersion": "1"</c>).</param>
/// <param name="ReasonCut">True when the status reason was cut to the length the caller asked for.</param>
public sealed record RenderedNotification(
    NotificationIdentity Identity,
    string DeduplicationKey,
    string Subject,
    string EmailText,
    string ChatPayload,
    string MachineEvent,
    bool ReasonCut);
