namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// A message attribute (<c>MessageAttributeValue</c>). Use the factories: they set the data type SNS expects and
/// encode String.Array values as the JSON array SNS parses.
/// </summary>
public sealed record MessageAttributeValue
{
    /// <summary>String, String.Array, Number or Binary, optionally with a custom suffix (e.g. <c>String.status</c>).</summary>
    public required string DataType { get; init; }

    public string? StringValue { get; init; }

    /// <summary>Raw bytes of a Binary attribute; sent base64-encoded.</summary>
    public byte[]? BinaryValue { get; init; }

    public static MessageAttributeValue String(string value) => new() { DataType = "String", StringValue = value };

    /// <summary>A String.Array attribute; SNS takes it as a JSON array.</summary>
    public static MessageAttributeValue StringArray(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return new() { DataType = "String.Array", StringValue = System.Text.Encoding.UTF8.GetString(buffer.ToArray()) };
    }

    public static MessageAttributeValue Number(decimal value) => new() { DataType = "Number", StringValue = value.ToString(CultureInfo.InvariantCulture) };

    public static MessageAttributeValue Binary(ReadOnlySpan<byte> value) => new() { DataType = "Binary", BinaryValue = value.ToArray() };
}

/// <summary>Input of Publish. Exactly one of <see cref="TopicArn"/>, <see cref="TargetArn"/>, <see cref="PhoneNumber"/>.</summary>
public sealed record PublishRequest
{
    public string? TopicArn { get; init; }

    public string? TargetArn { get; init; }

    public string? PhoneNumber { get; init; }

    public string? Subject { get; init; }

    public required string Message { get; init; }

    /// <summary>"json" to send a different message per protocol (then <see cref="Message"/> is a JSON object with "default").</summary>
    public string? MessageStructure { get; init; }

    public IReadOnlyDictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }

    /// <summary>Required for FIFO topics.</summary>
    public string? MessageGroupId { get; init; }

    /// <summary>For FIFO topics without content-based deduplication.</summary>
    public string? MessageDeduplicationId { get; init; }
}

/// <summary>Output of Publish.</summary>
public sealed record PublishResponse
{
    public required string MessageId { get; init; }

    /// <summary>Set for FIFO topics only.</summary>
    public string? SequenceNumber { get; init; }

    public string? RequestId { get; init; }
}
