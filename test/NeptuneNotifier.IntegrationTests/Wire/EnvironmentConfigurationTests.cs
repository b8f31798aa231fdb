using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.IntegrationTests.Wire;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>
/// Configuration the way the Lambda gets it: region, credentials (with a session token) and endpoint overrides from
/// the standard AWS environment variables only. Runs alone because it changes process-wide variables.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class EnvironmentConfigurationTests
{
    private static readonly string[] Variables =
    [
        "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_NEPTUNE_GRAPH", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_EVENTBRIDGE", "AWS_PROFILE",
    ];

    [Fact]
    public async Task Clients_ServiceSpecificEndpointVariables_SignedWithEnvironmentCredentials()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var neptuneServer = new CaptureServer(NeptuneGraphWireTests.ValidResponse);
        await using var snsServer = new CaptureServer(_ => CannedResponse.Xml(200, SnsWireMapping.PublishResponseXml));
        await using var eventBridgeServer = new CaptureServer(_ => EventBridgeWireMapping.Answer(200, EventBridgeWireMapping.PutEventsResponseJson));
        using var environment = new EnvironmentScope(Variables, new Dictionary<string, string>
        {
            ["AWS_REGION"] = TestAccount.Region,
            ["AWS_ACCESS_KEY_ID"] = NodeWire.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = NodeWire.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = NodeWire.SessionToken,
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9",
            ["AWS_ENDPOINT_URL_NEPTUNE_GRAPH"] = neptuneServer.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_SNS"] = snsServer.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = eventBridgeServer.Endpoint.ToString(),
        });
        using var neptune = new NeptuneGraphClient(new NeptuneGraphClientConfig { MaxErrorRetry = 0 });
        using var sns = new SnsClient(new SnsClientConfig { MaxErrorRetry = 0 });
        using var eventBridge = new EventBridgeClient(new EventBridgeClientConfig { MaxErrorRetry = 0 });

        // Act
        await neptune.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = "t-abcdefghij" }, cancellationToken);
        await sns.PublishAsync(new PublishRequest { TopicArn = TestAccount.TopicArn, Message = "m" }, cancellationToken);
        await eventBridge.PutEventsAsync(new PutEventsRequest { Entries = [new PutEventsRequestEntry { Source = "s", DetailType = "d", Detail = "{}" }] }, cancellationToken);
        var neptuneSignatures = await NodeWire.VerifySignaturesAsync(NeptuneGraphWireMapping.Service, neptuneServer.Requests, cancellationToken);
        var snsSignatures = await NodeWire.VerifySignaturesAsync(SnsWireMapping.Service, snsServer.Requests, cancellationToken);
        var eventBridgeSignatures = await NodeWire.VerifySignaturesAsync(EventBridgeWireMapping.Service, eventBridgeServer.Requests, cancellationToken);

        // Assert
        neptuneServer.Requests.Count.ShouldBe(1);
        snsServer.Requests.Count.ShouldBe(1);
        neptuneSignatures[0]!["ok"]!.GetValue<bool>().ShouldBeTrue(neptuneSignatures.ToJsonString());
        snsSignatures[0]!["ok"]!.GetValue<bool>().ShouldBeTrue(snsSignatures.ToJsonString());
        eventBridgeServer.Requests.Count.ShouldBe(1);
        eventBridgeSignatures[0]!["ok"]!.GetValue<bool>().ShouldBeTrue(eventBridgeSignatures.ToJsonString());
    }

    [Fact]
    public async Task NeptuneGraphClient_GlobalEndpointVariable_UsedWhenNoServiceSpecificOne()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = new CaptureServer(NeptuneGraphWireTests.ValidResponse);
        using var environment = new EnvironmentScope(Variables, new Dictionary<string, string>
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ACCESS_KEY_ID"] = NodeWire.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = NodeWire.SecretAccessKey,
            ["AWS_ENDPOINT_URL"] = server.Endpoint.ToString(),
        });
        using var neptune = new NeptuneGraphClient();

        // Act
        var response = await neptune.ListExportTasksAsync(new ListExportTasksRequest(), cancellationToken);

        // Assert
        response.Tasks.Count.ShouldBe(1);
        server.Requests.Single().Header("authorization")!.ShouldContain("/eu-west-1/neptune-graph/aws4_request");
    }

    /// <summary>Sets variables for one test and restores them, and resets the SDK's cached region both ways.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> saved;

        public EnvironmentScope(IEnumerable<string> names, IReadOnlyDictionary<string, string> values)
        {
            saved = names.ToDictionary(name => name, Environment.GetEnvironmentVariable);
            foreach (var name in saved.Keys)
            {
                Environment.SetEnvironmentVariable(name, values.GetValueOrDefault(name));
            }

            FallbackRegionFactory.Reset();
        }

        public void Dispose()
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            FallbackRegionFactory.Reset();
        }
    }
}
