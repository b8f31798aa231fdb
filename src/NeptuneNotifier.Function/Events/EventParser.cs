using System.Globalization;

namespace NeptuneNotifier.Function.Events;

/// <summary>
/// Turns an invocation payload into a <see cref="FunctionCommand"/>. Accepted: the scheduler's <c>{"poll":true}</c>
/// input, the classic scheduled-rule event, a CloudTrail "AWS API Call via CloudTrail" event for
/// <c>StartExportTask</c> or <c>StartImportTask</c> (with or without the task id in its <c>responseElements</c>) or
/// <c>CreateGraphUsingImportTask</c> (with it), and direct <c>{"track":[...]}</c> / <c>{"untrack":[...]}</c> invocations.
/// </summary>
internal static class EventParser
{
    /// <summary>The most task IDs one direct invocation may name.</summary>
    internal const int MaxTaskIdsPerEvent = 100;

    private const int MaxPayloadBytes = 256 * 1024;
    private const int MaxDescribedLength = 120;
    private const string StartExportTask = "StartExportTask";
    private const string StartImportTask = "StartImportTask";
    private const string CreateGraphUsingImportTask = "CreateGraphUsingImportTask";
    private const string NoTaskId = "no taskId in responseElements or in one object member of it";

    /// <param name="payload">The raw event.</param>
    /// <param name="self">The account and region of the running function: CloudTrail events from elsewhere are refused.</param>
    public static FunctionCommand Parse(ReadOnlySpan<byte> payload, FunctionIdentity self)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            throw new InvalidEventException($"The event is {payload.Length} bytes; the function accepts at most {MaxPayloadBytes}.");
        }

        // JsonDocument does not check the UTF-8 inside strings; reading such a string later would throw.
        if (System.Text.Unicode.Utf8.ToUtf16(payload, new char[payload.Length], out var validBytes, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidEventException($"The event is not valid JSON (invalid UTF-8 at byte {validBytes}).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException($"The event is not valid JSON ({exception.Message}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException($"The event is a JSON {Describe(root.ValueKind)}; expected an object.");
            }

            // One event, one command: acting on one of several and dropping the others would mislead the caller.
            var commands = root.EnumerateObject().Select(p => p.Name).Where(name => name is "poll" or "track" or "untrack").ToList();
            if (commands.Count > 1)
            {
                throw new InvalidEventException($"The event names {commands.Count} commands ({string.Join(", ", commands.Select(c => Quote(c)))}); send one of poll, track or untrack per event.");
            }

            if (root.TryGetProperty("poll", out var poll))
            {
                return poll.ValueKind == JsonValueKind.True
                    ? new PollCommand("schedule")
                    : throw new InvalidEventException($"\"poll\" must be true; received {Excerpt(poll)}.");
            }

            if (root.TryGetProperty("track", out var track))
            {
                return new TrackCommand(ReadTaskIds(track, "track"), "direct");
            }

            if (root.TryGetProperty("untrack", out var untrack))
            {
                return new UntrackCommand(ReadTaskIds(untrack, "untrack"));
            }

            var detailType = String(root, "detail-type");
            var source = String(root, "source");
            if (detailType == "Scheduled Event" && source == "aws.events")
            {
                return new PollCommand("aws.events");
            }

            if (detailType == "AWS API Call via CloudTrail")
            {
                return ParseCloudTrail(root, self);
            }

            throw new InvalidEventException(
                $"Unrecognised event (detail-type {Quote(detailType)}, source {Quote(source)}, top-level keys {Keys(root)}). " +
                "Expected {\"poll\":true}, {\"track\":[\"t-...\"]}, {\"untrack\":[\"t-...\"]}, a scheduled event, or a CloudTrail StartExportTask, StartImportTask or CreateGraphUsingImportTask event.");
        }
    }

    private static FunctionCommand ParseCloudTrail(JsonElement root, FunctionIdentity self)
    {
        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException("The CloudTrail event has no \"detail\" object.");
        }

        var eventName = String(detail, "eventName");
        var eventSource = String(detail, "eventSource");
        if (eventSource != "neptune-graph.amazonaws.com" || eventName is not (StartExportTask or StartImportTask or CreateGraphUsingImportTask))
        {
            throw new InvalidEventException(
                $"The CloudTrail event is {Quote(eventSource)} {Quote(eventName)}; only neptune-graph.amazonaws.com {StartExportTask}, {StartImportTask} and {CreateGraphUsingImportTask} are accepted.");
        }

        var kind = eventName == StartExportTask ? TaskKind.Export : TaskKind.Import;

        // The rule only matches our own account's trail, but a forwarded or hand-made event could name any task:
        // refuse what does not come from this function's own account and region.
        var account = String(root, "account") ?? String(detail, "recipientAccountId");
        if (self.AccountId is not null && account != self.AccountId)
        {
            throw new InvalidEventException($"The CloudTrail event is from account {Quote(account)}; this function serves account {self.AccountId} only.");
        }

        var region = String(detail, "awsRegion") ?? String(root, "region");
        if (region != self.Region)
        {
            throw new InvalidEventException($"The CloudTrail event is from region {Quote(region)}; this function serves region {self.Region} only.");
        }

        if (String(detail, "errorCode") is { } errorCode)
        {
            // Cut like every other value an event puts in a message: the reason is logged.
            return new IgnoreCommand($"{eventName} failed with {Shorten(errorCode)}; there is no task to track.");
        }

        var named = ResponseTaskIds(detail);
        if (named is [var only])
        {
            var taskId = only.Value.ValueKind == JsonValueKind.String ? only.Value.GetString() : null;
            return TaskIds.IsTaskId(taskId)
                ? new TrackCommand([taskId!], "cloudtrail", kind)
                : throw new InvalidEventException(
                    $"The CloudTrail {eventName} event names task {Excerpt(only.Value)}{(only.Member is null ? "" : $" (in responseElements member {Quote(only.Member)})")}, which is not a task ID ({TaskIds.TaskIdRule}).");
        }

        // Several members naming different tasks: which one the call started cannot be told, so the task is found as
        // when none is named.
        var namesNoTask = named.Count == 0
            ? $"names no task ({NoTaskId})"
            : $"names {named.Count} tasks, each in its own member of responseElements ({string.Join(", ", named.Take(3).Select(n => $"{Quote(n.Member)}: {Excerpt(n.Value)}"))})";

        // CreateGraphUsingImportTask names the graph it creates by name only; the new graph's id is in its output
        // (CreateGraphUsingImportTaskOutput.graphId), when the record carries it. Without it there is nothing to find
        // the import by (ListGraphs would map the name, at the price of one more permission).
        if (eventName == CreateGraphUsingImportTask)
        {
            var created = detail.TryGetProperty("responseElements", out var response) && response.ValueKind == JsonValueKind.Object
                ? String(response, "graphId")
                : null;
            return TaskIds.IsGraphId(created)
                ? new TrackStartedTaskCommand(created!, CalledAt(root, detail, eventName, namesNoTask, kind), kind)
                : throw new InvalidEventException(
                    $"The CloudTrail CreateGraphUsingImportTask event {namesNoTask}, the graph it creates by name only and no responseElements.graphId: " +
                    "there is nothing to find the import by. Track it with {\"track\":[\"t-...\"]}, or follow the new graph with GRAPH_IDS.");
        }

        var graphId = detail.TryGetProperty("requestParameters", out var request) && request.ValueKind == JsonValueKind.Object
            ? String(request, "graphIdentifier")
            : null;
        if (!TaskIds.IsGraphId(graphId))
        {
            throw new InvalidEventException(
                $"The CloudTrail {eventName} event {namesNoTask} and its requestParameters.graphIdentifier is {Quote(graphId)}, " +
                $"not a graph ID ({TaskIds.GraphIdRule}): there is nothing to find the started {TaskKinds.Name(kind)} by.");
        }

        return new TrackStartedTaskCommand(graphId!, CalledAt(root, detail, eventName, namesNoTask, kind), kind);
    }

    private static DateTimeOffset CalledAt(JsonElement root, JsonElement detail, string eventName, string namesNoTask, TaskKind kind) =>
        Time(detail, "eventTime") ?? Time(root, "time")
        ?? throw new InvalidEventException($"The CloudTrail {eventName} event {namesNoTask} and has no usable time (detail.eventTime or time): the started {TaskKinds.Name(kind)} cannot be told from the graph's earlier ones.");

    // The task ids a CloudTrail record's responseElements names, each with the member it was found in (null when flat).
    // AWS documents no record of StartExportTask, StartImportTask or CreateGraphUsingImportTask. The one Neptune
    // Analytics control-plane record it shows with a response, CreateGraph's
    // (https://docs.aws.amazon.com/neptune-analytics/latest/userguide/monitoring-cloudtrail-understanding.html), does not
    // mirror the API's output: its responseElements wraps the graph in a member ({"graph": {..., "id": ...}}) and names
    // some members differently (allowFromPublic for the model's publicConnectivity). Nor does CloudTrail's record
    // reference promise that responseElements is filled
    // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
    // So the id is read where the API's output puts it, responseElements.taskId, else from the object members of
    // responseElements that have a taskId ({"exportTask": {"taskId": ...}}), one entry per distinct id.
    private static List<(JsonElement Value, string? Member)> ResponseTaskIds(JsonElement detail)
    {
        if (!detail.TryGetProperty("responseElements", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        if (response.TryGetProperty("taskId", out var flat) && flat.ValueKind != JsonValueKind.Null)
        {
            return [(flat, null)];
        }

        return [.. response.EnumerateObject()
            .Where(member => member.Value.ValueKind == JsonValueKind.Object
                && member.Value.TryGetProperty("taskId", out var id) && id.ValueKind != JsonValueKind.Null)
            .Select(member => (Value: member.Value.GetProperty("taskId"), Member: (string?)member.Name))
            .DistinctBy(named => named.Value.GetRawText())];
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        DateTimeOffset.TryParse(String(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    private static List<string> ReadTaskIds(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidEventException($"\"{name}\" must be an array of task IDs; received {Excerpt(element)}.");
        }

        var count = element.GetArrayLength();
        if (count == 0 || count > MaxTaskIdsPerEvent)
        {
            throw new InvalidEventException($"\"{name}\" must name 1 to {MaxTaskIdsPerEvent} task IDs; received {count}.");
        }

        var ids = new List<string>(count);
        foreach (var item in element.EnumerateArray())
        {
            var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (!TaskIds.IsTaskId(id))
            {
                throw new InvalidEventException($"\"{name}\" holds {Excerpt(item)}, which is not a task ID ({TaskIds.TaskIdRule}).");
            }

            if (!ids.Contains(id!, StringComparer.Ordinal))
            {
                ids.Add(id!);
            }
        }

        return ids;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Keys(JsonElement element)
    {
        var keys = element.EnumerateObject().Select(p => Quote(Shorten(p.Name))).Take(10).ToList();
        return keys.Count == 0 ? "none" : string.Join(", ", keys);
    }

    private static string Excerpt(JsonElement element) => Shorten(element.GetRawText());

    private static string Quote(string? value) => value is null ? "(none)" : JsonSerializer.Serialize(Shorten(value), FunctionJsonContext.Default.String);

    private static string Shorten(string value) => value.Length <= MaxDescribedLength ? value : string.Concat(value.AsSpan(0, MaxDescribedLength), "…");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}

/// <summary>The account and region the function runs in; the account comes from the invoked function ARN.</summary>
internal sealed record FunctionIdentity(string? AccountId, string Region)
{
    // arn:partition:lambda:region:account:function:name[:qualifier]
    public static FunctionIdentity From(string? invokedFunctionArn, string region) =>
        new(ArnAccount.Of(invokedFunctionArn), region);
}
