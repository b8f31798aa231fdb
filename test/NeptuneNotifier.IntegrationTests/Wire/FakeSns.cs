using System.Text;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>A capturing SNS endpoint that accepts every Publish, and the Publish requests it received, decoded.</summary>
internal static class FakeSns
{
    public static CaptureServer Start() => new(_ => CannedResponse.Xml(200,
        $"<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>{Guid.NewGuid()}</MessageId></PublishResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></PublishResponse>"));

    public static List<PublishedMessage> Published(CaptureServer server) => [.. server.Requests.Select(r => new PublishedMessage(Form(r.Body)))];

    /// <summary>The form fields of a Query-protocol request body.</summary>
    public static IReadOnlyDictionary<string, string> Form(byte[] body) => WireComparison.DecodeFields(Encoding.UTF8.GetString(body));
}

/// <summary>One Publish request: its form fields, and its message attributes by name.</summary>
internal sealed record PublishedMessage(IReadOnlyDictionary<string, string> Form)
{
    public Dictionary<string, string> Attributes { get; } = Form
        .Where(f => f.Key.StartsWith("MessageAttributes.entry.", StringComparison.Ordinal) && f.Key.EndsWith(".Name", StringComparison.Ordinal))
        .ToDictionary(f => f.Value, f => Form[f.Key[..^".Name".Length] + ".Value.StringValue"], StringComparer.Ordinal);
}
