using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Tests.Clients;

public sealed class EventBridgeEndpointsTests
{
    /// <summary>Every case of EventBridge's own <c>endpoint-tests-1.json</c>, read from the file.</summary>
    public static TheoryData<string, string?, string?, bool, bool, string?, string?, string?, bool> ModelCases
    {
        get
        {
            var cases = new TheoryData<string, string?, string?, bool, bool, string?, string?, string?, bool>();
            foreach (var testCase in EndpointModelCase.Load("events-endpoint-tests-1.json"))
            {
                var endpoint = testCase.Endpoint;
                var sigV4a = endpoint.ValueKind == JsonValueKind.Object
                    && endpoint.TryGetProperty("properties", out var properties)
                    && properties.TryGetProperty("authSchemes", out var schemes)
                    && schemes.EnumerateArray().Any(scheme => scheme.GetProperty("name").GetString() == "sigv4a"
                        && scheme.GetProperty("signingName").GetString() == "events"
                        && scheme.GetProperty("signingRegionSet").EnumerateArray().Select(region => region.GetString()).SequenceEqual(["*"]));
                cases.Add(
                    testCase.Documentation,
                    testCase.Text("Endpoint"),
                    testCase.Text("Region"),
                    testCase.Flag("UseFIPS"),
                    testCase.Flag("UseDualStack"),
                    testCase.Text("EndpointId"),
                    testCase.ExpectedUrl,
                    testCase.ExpectedError,
                    sigV4a);
            }

            return cases;
        }
    }

    [Fact]
    public void ModelCases_FromFile_CoverRegionsGlobalEndpointsAndErrors()
    {
        // Arrange / Act
        var rows = ModelCases.Select(row => ((ITheoryDataRow)row).GetData()).ToList();

        // Assert: the file was read whole, and it exercises regional, global (EndpointId) and error outcomes.
        rows.Count.ShouldBe(61);
        rows.Count(row => row[5] is not null && row[6] is not null).ShouldBe(3);
        rows.Count(row => row[7] is not null).ShouldBe(7);
        rows.Count(row => (bool)row[8]!).ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(ModelCases))]
    public void Resolve_ModelTestCase_MatchesExpectation(
        string documentation, string? endpoint, string? region, bool useFips, bool useDualStack, string? endpointId, string? expectedUrl, string? expectedError, bool expectedSigV4a)
    {
        EndpointModelCase.ShouldResolveAsExpected(
            () => EventBridgeEndpoints.Resolve(endpoint, region, useFips, useDualStack, endpointId),
            () => new EventBridgeEndpoint(expectedUrl!, expectedSigV4a),
            expectedError,
            documentation);
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
}
