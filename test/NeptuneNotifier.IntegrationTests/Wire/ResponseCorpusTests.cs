using NeptuneNotifier.Aws.Http;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// Each file under <c>Wire/Responses</c> is served to our client and to the official JavaScript client; both must
/// produce the same output members, or the same error (name, status, request ID, modeled fields). Where we read
/// differently on purpose, the file says so: <c>oursOmits</c> lists what we leave out (a malformed list entry, a member
/// of the wrong kind) and the official client passes through; <c>unreadableToUs</c> marks an answer the official
/// client accepts and we refuse, because it lacks what our callers cannot do without (a task's status).
/// </summary>
public sealed class ResponseCorpusTests
{
    private static readonly string[] ModeledErrorFields = ["reason", "resourceId", "resourceType", "serviceCode", "quotaCode"];

    public static string CorpusDirectory => Path.Combine(Repository.Root, "test", "NeptuneNotifier.IntegrationTests", "Wire", "Responses");

    public static TheoryData<string> Files
    {
        get
        {
            var files = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(CorpusDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                files.Add(Path.GetFileNameWithoutExtension(file));
            }

            return files;
        }
    }

    [Fact]
    public void Corpus_Files_CoverEveryRequiredShape()
    {
        // Arrange
        string[] required =
        [
            "neptune-get-export-task-full", "neptune-get-export-task-minimal", "neptune-get-export-task-unknown-fields",
            "neptune-get-export-task-fractional-start", "neptune-list-export-tasks-null", "neptune-list-export-tasks-empty",
            "neptune-error-validation-header", "neptune-error-not-found-code", "neptune-error-conflict-type", "neptune-error-html-503",
            "neptune-error-not-found-capitalised-code",
            "sns-publish-minimal", "sns-error-throttled", "sns-error-html-503",
            "neptune-get-export-task-sparse-terminal", "neptune-list-export-tasks-sparse-and-malformed",
            "eventbridge-put-events-one-entry", "eventbridge-put-events-partial-failure", "eventbridge-put-events-wrong-kind-member",
            "eventbridge-error-internal", "eventbridge-error-throttling", "eventbridge-error-throttling-header", "eventbridge-error-html-503",
        ];

        // Act
        var present = Directory.GetFiles(CorpusDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);

        // Assert
        required.Where(name => !present.Contains(name)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Response_ServedToBothClients_BothReadTheSame(string file)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var corpus = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, file + ".json"), cancellationToken))!.AsObject();
        var service = corpus["service"]!.GetValue<string>();
        var operation = corpus["operation"]!.GetValue<string>();
        var input = corpus["input"]!.AsObject();
        var body = corpus["bodyText"]?.GetValue<string>() ?? corpus["body"]!.ToJsonString();
        var headers = corpus["headers"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>());
        var malformed = corpus["malformed"]?.GetValue<bool>() ?? false;
        await using var server = new CaptureServer(_ => new CannedResponse(corpus["status"]!.GetValue<int>(), body, headers));

        // Act
        var ours = await InvokeOursAsync(service, server.Endpoint, operation, input, cancellationToken);
        var reference = (await NodeWire.SendAsync(service, server.Endpoint, [(operation, input)], cancellationToken))[0]!.AsObject();

        // Assert
        if (corpus["unreadableToUs"]?.GetValue<bool>() ?? false)
        {
            reference["ok"]!.GetValue<bool>().ShouldBeTrue($"{file}: the official client refused it too; drop unreadableToUs");
            ours.Exception.ShouldBeOfType<UnreadableResponseException>(file);
        }
        else if (malformed)
        {
            reference["ok"]!.GetValue<bool>().ShouldBeFalse($"{file}: the official client accepted a malformed response");
            ours.Exception.ShouldBeOfType<UnreadableResponseException>(file);
            ours.Exception.Message.ShouldContain(operation, Case.Sensitive, file);
            ours.Exception.Message.ShouldContain($"HTTP {corpus["status"]}", Case.Sensitive, file);
        }
        else if (reference["ok"]!.GetValue<bool>())
        {
            ours.Exception.ShouldBeNull($"{file}: {ours.Exception}");
            var expected = reference["output"]!.DeepClone();
            foreach (var path in corpus["oursOmits"]?.AsArray().Select(p => p!.GetValue<string>()) ?? [])
            {
                Omit(expected, path, file);
            }

            Normalize(ours.Output!).ShouldBe(Normalize(expected), file);
        }
        else if (reference["error"]!["name"]!.GetValue<string>() is "SyntaxError" or "TypeError" or "Error")
        {
            // The official client could not even read the error (a JavaScript SyntaxError for an HTML page):
            // ours reports a service error with the status, the code "Unknown" and a message naming the operation.
            var serviceException = ours.Exception.ShouldBeAssignableTo<AmazonServiceException>(file)!;
            serviceException.ErrorCode.ShouldBe("Unknown", file);
            ((int)serviceException.StatusCode).ShouldBe(corpus["status"]!.GetValue<int>(), file);
            serviceException.Message.ShouldContain(operation, Case.Sensitive, file);
        }
        else
        {
            ours.Exception.ShouldNotBeNull(file);
            var error = reference["error"]!.AsObject();
            var serviceException = ours.Exception.ShouldBeAssignableTo<AmazonServiceException>(file)!;
            ErrorName(serviceException).ShouldBe(error["name"]!.GetValue<string>(), file);
            ((int)serviceException.StatusCode).ShouldBe(error["statusCode"]!.GetValue<int>(), file);
            serviceException.RequestId.ShouldBe(error["requestId"]?.GetValue<string>(), file);
            var ourFields = service == NeptuneGraphWireMapping.Service ? NeptuneGraphWireMapping.ErrorFields(serviceException) : [];
            foreach (var field in ModeledErrorFields)
            {
                ourFields[field]?.GetValue<string>().ShouldBe(error["fields"]![field]?.GetValue<string>(), $"{file}: {field}");
                error["fields"]![field]?.GetValue<string>().ShouldBe(ourFields[field]?.GetValue<string>(), $"{file}: {field}");
            }
        }
    }

    private static async Task<(JsonObject? Output, Exception? Exception)> InvokeOursAsync(string service, Uri endpoint, string operation, JsonObject input, CancellationToken cancellationToken)
    {
        try
        {
            if (service == EventBridgeWireMapping.Service)
            {
                using var eventBridge = EventBridgeWireMapping.CreateClient(endpoint);
                return (EventBridgeWireMapping.Output(await eventBridge.PutEventsAsync(EventBridgeWireMapping.ToRequest(input), cancellationToken)), null);
            }

            if (service == SnsWireMapping.Service)
            {
                using var sns = SnsWireMapping.CreateClient(endpoint);
                return (SnsWireMapping.Output(await sns.PublishAsync(SnsWireMapping.ToRequest(input), cancellationToken)), null);
            }

            using var neptune = NeptuneGraphWireMapping.CreateClient(endpoint);
            return (await NeptuneGraphWireMapping.InvokeAsync(neptune, operation, input, cancellationToken), null);
        }
        catch (AmazonServiceException exception)
        {
            return (null, exception);
        }
    }

    /// <summary>The official SDK names modeled errors by shape (e.g. <c>KMSOptInRequired</c>) and unknown ones by code.</summary>
    private static string ErrorName(AmazonServiceException exception) => exception switch
    {
        KmsOptInRequiredException => "KMSOptInRequired",
        SnsException when exception.GetType() != typeof(SnsException) => exception.GetType().Name.Replace("Kms", "KMS", StringComparison.Ordinal),
        _ => exception.ErrorCode,
    };

    /// <summary>Nulls out the member or list entry at <paramref name="path"/> (<c>tasks[1]</c>, <c>roleArn</c>), which <see cref="Normalize"/> then drops.</summary>
    private static void Omit(JsonNode root, string path, string file)
    {
        var node = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            var last = i == parts.Length - 1;
            if (bracket < 0)
            {
                var parent = node.AsObject();
                parent.ContainsKey(name).ShouldBeTrue($"{file}: oursOmits names '{path}', which the official client did not return");
                if (last)
                {
                    parent[name] = null;
                    return;
                }

                node = parent[name]!;
                continue;
            }

            var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            var list = node[name]!.AsArray();
            index.ShouldBeLessThan(list.Count, $"{file}: oursOmits names '{path}', past the end of the list");
            if (last)
            {
                list[index] = null;
                return;
            }

            node = list[index]!;
        }
    }

    /// <summary>Absent, null and empty-list members mean the same to a caller: drop them, sort the rest.</summary>
    private static string Normalize(JsonNode node) => WireComparison.Canonical(Prune(node.DeepClone()));

    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var pruned = Prune(value);
                    obj.Remove(key);
                    if (pruned is not null && !(pruned is JsonArray { Count: 0 }))
                    {
                        obj[key] = pruned;
                    }
                }

                return obj;
            case JsonArray array:
                var items = array.Select(item => Prune(item?.DeepClone())).Where(item => item is not null).ToList();
                return new JsonArray([.. items]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.Null:
                return null;
            default:
                return node;
        }
    }
}
