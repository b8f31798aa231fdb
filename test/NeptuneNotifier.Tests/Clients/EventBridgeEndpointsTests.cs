using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Tests.Clients;

public sealed class EventBridgeEndpointsTests
{
    /// <summary>Every case of EventBridge's own <c>endpoint-tests-1.json</c>, read from the file.</summary>
    private static readonly IReadOnlyDictionary<string, EndpointModelCase> Cases = EndpointModelCase.Load("events-endpoint-tests-1.json");

    public static TheoryData<string> ModelCases => new(Cases.Keys);

    [Fact]
    public void ModelCases_FromFile_CoverRegionsGlobalEndpointsAndErrors()
    {
        // Assert: the file was read whole, and it exercises regional, global (EndpointId) and error outcomes.
        Cases.Count.ShouldBe(61);
        Cases.Values.Count(testCase => testCase.Text("EndpointId") is not null && testCase.ExpectedUrl is not null).ShouldBe(3);
        Cases.Values.Count(testCase => testCase.ExpectedError is not null).ShouldBe(7);
        Cases.Values.Count(ExpectsSigV4a).ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(ModelCases))]
    public void Resolve_ModelTestCase_MatchesExpectation(string documentation)
    {
        var testCase = Cases[documentation];

        testCase.ShouldResolveAsExpected(
            (endpoint, region, useFips, useDualStack) => EventBridgeEndpoints.Resolve(endpoint, region, useFips, useDualStack, testCase.Text("EndpointId")),
            url => new EventBridgeEndpoint(url, ExpectsSigV4a(testCase)));
    }

    // The model's tests leave some partitions and GovCloud's other regions out; these apply the same rules to them.
    [Theory]
    [InlineData("cn-northwest-1", true, false, "https://events-fips.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-east-1", true, true, "https://events.us-gov-east-1.api.aws")]
    [InlineData("eu-isoe-west-1", false, false, "https://events.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData("us-isof-south-1", false, false, "https://events.us-isof-south-1.csp.hci.ic.gov")]
    [InlineData("eusc-de-east-1", false, false, "https://events.eusc-de-east-1.amazonaws.eu")]
    public void Resolve_OtherPartition_UsesPartitionDnsSuffix(string region, bool useFips, bool useDualStack, string expected)
    {
        // Act
        var endpoint = EventBridgeEndpoints.Resolve(null, region, useFips, useDualStack);

        // Assert
        endpoint.ShouldBe(new EventBridgeEndpoint(expected));
    }

    /// <summary>Whether the case expects a global endpoint's signing: SigV4a for the events service in every region (<c>*</c>).</summary>
    private static bool ExpectsSigV4a(EndpointModelCase testCase) =>
        testCase.Endpoint.ValueKind == JsonValueKind.Object
        && testCase.Endpoint.TryGetProperty("properties", out var properties)
        && properties.TryGetProperty("authSchemes", out var schemes)
        && schemes.EnumerateArray().Any(scheme => scheme.GetProperty("name").GetString() == "sigv4a"
            && scheme.GetProperty("signingName").GetString() == "events"
            && scheme.GetProperty("signingRegionSet").EnumerateArray().Select(region => region.GetString()).SequenceEqual(["*"]));
}
