using System.Text.Json.Serialization;

namespace NeptuneNotifier.IntegrationTests.Wire;

[JsonSerializable(typeof(string))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
