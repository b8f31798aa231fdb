using System.Text.Json.Serialization;

namespace NeptuneNotifier.Function;

internal sealed record ErrorBody(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] string[] StackTrace);

[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(string))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;
