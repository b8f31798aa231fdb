using System.Text.Json;
using System.Text.Json.Serialization;
using NeptuneNotifier.Core;

namespace NeptuneNotifier.Cli.State;

/// <summary>How the embedded store keeps snapshots and pending notifications: JSON, source-generated.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(StatusConverter)])]
[JsonSerializable(typeof(TaskSnapshot))]
[JsonSerializable(typeof(PendingNotification))]
internal sealed partial class StateJson : JsonSerializerContext
{
    private sealed class StatusConverter : JsonConverter<NeptuneTaskStatus>
    {
        public override NeptuneTaskStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("A task status is null."));

        public override void Write(Utf8JsonWriter writer, NeptuneTaskStatus value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
