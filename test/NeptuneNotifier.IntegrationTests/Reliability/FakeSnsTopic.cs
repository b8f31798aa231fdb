using System.Text.Json;
using NeptuneNotifier.IntegrationTests.Wire;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// An SNS endpoint on a <see cref="CaptureServer"/>: answers Publish with 429 Throttled or 500 InternalError at seeded
/// rates, and records every message it accepted (with the machine-readable event it carries) in the ledger.
/// </summary>
internal sealed class FakeSnsTopic : IAsyncDisposable
{
    private readonly CaptureServer server;
    private readonly SharedRandom random;
    private readonly ReliabilitySettings settings;
    private readonly RunLedger ledger;
    private readonly TimeProvider time;
    private int sequence;

    public FakeSnsTopic(SharedRandom random, ReliabilitySettings settings, RunLedger ledger, TimeProvider time)
    {
        this.random = random;
        this.settings = settings;
        this.ledger = ledger;
        this.time = time;
        server = new CaptureServer(Answer);
    }

    public Uri Endpoint => server.Endpoint;

    public bool Enabled { get; set; } = true;

    public ValueTask DisposeAsync() => server.DisposeAsync();

    /// <summary>Reads the delivered notification back: the machine-readable event of the <c>sqs</c> protocol.</summary>
    public static DeliveredMessage Parse(IReadOnlyDictionary<string, string> form, DateTimeOffset at)
    {
        var message = form.GetValueOrDefault("Message") ?? throw new InvalidDataException("Publish without Message");
        using var structure = JsonDocument.Parse(message);
        var sqs = structure.RootElement.GetProperty("sqs").GetString() ?? throw new InvalidDataException("Message without an sqs event");
        using var machine = JsonDocument.Parse(sqs);
        var root = machine.RootElement;
        return new DeliveredMessage(
            root.GetProperty("taskId").GetString()!,
            root.GetProperty("version").GetInt64(),
            root.GetProperty("status").GetString()!,
            root.TryGetProperty("previousStatus", out var previous) && previous.ValueKind == JsonValueKind.String ? previous.GetString() : null,
            form.GetValueOrDefault("MessageDeduplicationId"),
            message,
            at);
    }

    private CannedResponse Answer(CapturedRequest request)
    {
        var roll = Enabled ? random.NextDouble() : 1;
        if (roll < settings.SnsThrottleRate)
        {
            ledger.Fault("sns Publish 429 Throttled");
            return CannedResponse.Xml(429, Error("Sender", "Throttled", "Rate exceeded"));
        }

        if (roll < settings.SnsThrottleRate + settings.SnsInternalErrorRate)
        {
            ledger.Fault("sns Publish 500 InternalError");
            return CannedResponse.Xml(500, Error("Receiver", "InternalError", "Simulated internal error"));
        }

        ledger.Deliver(Parse(FakeSns.Form(request.Body), time.GetUtcNow()));
        var id = Interlocked.Increment(ref sequence);
        return CannedResponse.Xml(200, $"<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m-{id}</MessageId></PublishResult><ResponseMetadata><RequestId>r-{id}</RequestId></ResponseMetadata></PublishResponse>");
    }

    private static string Error(string type, string code, string message) =>
        $"<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-error</RequestId></ErrorResponse>";
}
