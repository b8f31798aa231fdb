using System.Text;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The SNS topic the notifier publishes to in the integration tests: a <see cref="CaptureServer"/> that answers
/// Publish as SNS does, records what it accepted, and refuses a publish with an SNS error when <see cref="FakeEndpoint{TTaken}.Refuse"/>
/// says so (throttling, internal errors, authorization; seeded in the fault-injection run).
/// </summary>
internal sealed class FakeSns : FakeEndpoint<PublishedMessage>
{
    private const string Namespace = "http://sns.amazonaws.com/doc/2010-03-31/";

    /// <summary>The publishes it accepted, in the order it accepted them.</summary>
    public IReadOnlyList<PublishedMessage> Published => Taken;

    /// <summary>Runs for each publish it accepts, before it answers: what a subscriber receives.</summary>
    public Action<PublishedMessage>? Accepted { get; set; }

    /// <summary>An SNS error answer, in the service's XML shape.</summary>
    public static CannedResponse Error(int status, string type, string code, string message) => CannedResponse.Xml(status,
        $"<ErrorResponse xmlns=\"{Namespace}\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-error</RequestId></ErrorResponse>");

    /// <summary>The form fields of a Query-protocol request body.</summary>
    public static IReadOnlyDictionary<string, string> Form(byte[] body) => WireComparison.DecodeFields(Encoding.UTF8.GetString(body));

    protected override CannedResponse Take(CapturedRequest request)
    {
        var message = new PublishedMessage(Form(request.Body));
        Keep([message]);
        Accepted?.Invoke(message);
        var id = NextId().ToString(CultureInfo.InvariantCulture);
        return CannedResponse.Xml(200, $"<PublishResponse xmlns=\"{Namespace}\"><PublishResult><MessageId>m-{id}</MessageId></PublishResult><ResponseMetadata><RequestId>r-{id}</RequestId></ResponseMetadata></PublishResponse>");
    }
}

/// <summary>One Publish request: its form fields, its message attributes by name, and the protocol members of its message.</summary>
internal sealed record PublishedMessage(IReadOnlyDictionary<string, string> Form)
{
    public Dictionary<string, string> Attributes { get; } = Form
        .Where(f => f.Key.StartsWith("MessageAttributes.entry.", StringComparison.Ordinal) && f.Key.EndsWith(".Name", StringComparison.Ordinal))
        .ToDictionary(f => f.Value, f => Form[f.Key[..^".Name".Length] + ".Value.StringValue"], StringComparer.Ordinal);

    /// <summary>The text for one protocol (<c>email</c>, <c>https</c>, <c>sqs</c>, ...) of a <c>MessageStructure=json</c> message.</summary>
    public string Member(string protocol)
    {
        using var structure = JsonDocument.Parse(Form.GetValueOrDefault("Message") ?? throw new InvalidDataException("Publish without Message"));
        return structure.RootElement.GetProperty(protocol).GetString() ?? throw new InvalidDataException($"Message without a {protocol} member");
    }

    /// <summary>The machine-readable event an SQS or Lambda subscriber receives.</summary>
    public MachineEvent Event => MachineEvent.Parse(Member("sqs"));
}

/// <summary>The members of the versioned machine-readable event the tests read back.</summary>
internal sealed record MachineEvent(string TaskId, long Version, string? PreviousStatus, string Status, string? StatusReason)
{
    public static MachineEvent Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new(
            root.GetProperty("taskId").GetString()!,
            root.GetProperty("version").GetInt64(),
            root.GetProperty("previousStatus").GetString(),
            root.GetProperty("status").GetString()!,
            root.GetProperty("statusReason").GetString());
    }
}
