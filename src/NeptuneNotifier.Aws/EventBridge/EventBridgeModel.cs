namespace NeptuneNotifier.Aws.EventBridge;

/// <summary>
/// One event of a PutEvents call (<c>PutEventsRequestEntry</c>). <see cref="Source"/>, <see cref="DetailType"/> and
/// <see cref="Detail"/> are what EventBridge needs to put an event at all: the service fails an entry without them, so
/// this client refuses such an entry before sending it.
/// </summary>
public sealed record PutEventsRequestEntry
{
    /// <summary>The event's time; EventBridge uses the time of the call when it is absent. Sent with millisecond precision.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The source of the event (sources starting with <c>aws.</c> are reserved for AWS).</summary>
    public required string Source { get; init; }

    /// <summary>The ARNs of the AWS resources the event is about; any number, none included.</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Free-form text of at most 128 characters that says which fields to expect in <see cref="Detail"/>.</summary>
    public required string DetailType { get; init; }

    /// <summary>A JSON object: the event's content.</summary>
    public required string Detail { get; init; }

    /// <summary>The name or ARN of the event bus; the account's default bus when absent.</summary>
    public string? EventBusName { get; init; }

    /// <summary>An AWS X-Ray trace header (<c>X-Amzn-Trace-Id</c>) to carry with the event.</summary>
    public string? TraceHeader { get; init; }
}

/// <summary>Input of PutEvents: 1 to 10 entries, whose sizes together stay under 256 KB.</summary>
public sealed record PutEventsRequest
{
    public required IReadOnlyList<PutEventsRequestEntry> Entries { get; init; }

    /// <summary>
    /// A global endpoint's id. Refused by this client with a <see cref="NotSupportedException"/>: a global endpoint is
    /// signed with SigV4a, which this client does not send (see <see cref="EventBridgeClient"/>).
    /// </summary>
    public string? EndpointId { get; init; }
}

/// <summary>What EventBridge answered for one entry, at the entry's index: an event id, or an error code and message.</summary>
public sealed record PutEventsResultEntry
{
    /// <summary>The id of the event that was put.</summary>
    public string? EventId { get; init; }

    /// <summary>Why the entry was not put, for example <c>InternalFailure</c> or <c>ThrottlingException</c> (worth retrying) or <c>MalformedDetail</c>.</summary>
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>True when EventBridge reported that it did not put the entry.</summary>
    public bool Failed => ErrorCode is not null;
}

/// <summary>Output of PutEvents.</summary>
public sealed record PutEventsResponse
{
    /// <summary>How many entries EventBridge did not put; null when the answer left it out.</summary>
    public int? FailedEntryCount { get; init; }

    /// <summary>One result per entry, at the entry's index in the request; empty when the answer left them out.</summary>
    public IReadOnlyList<PutEventsResultEntry> Entries { get; init; } = [];

    public string? RequestId { get; init; }

    /// <summary>What was read as absent (a member of the wrong kind, an entry that is not an object), each naming the member.</summary>
    public IReadOnlyList<string> Anomalies { get; init; } = [];
}
