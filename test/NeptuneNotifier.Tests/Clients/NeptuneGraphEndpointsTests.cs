using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Tests.Clients;

public sealed class NeptuneGraphEndpointsTests
{
    /// <summary>Every case of the service's own <c>endpoint-tests-1.json</c>, read from the file.</summary>
    private static readonly IReadOnlyDictionary<string, EndpointModelCase> Cases = EndpointModelCase.Load("neptune-graph-endpoint-tests-1.json");

    public static TheoryData<string> ModelCases => new(Cases.Keys);

    [Fact]
    public void ModelCases_FromFile_CoverControlPlaneAndErrors()
    {
        // Assert: the file was read, and it exercises the control plane, FIPS, dual-stack and error outcomes.
        Cases.Count.ShouldBeGreaterThan(60);
        Cases.Values.Count(testCase => ApiType(testCase) == NeptuneGraphEndpoints.ControlPlane && testCase.ExpectedUrl is not null).ShouldBeGreaterThan(30);
        Cases.Values.Count(testCase => testCase.ExpectedError is not null).ShouldBeGreaterThan(10);
    }

    [Theory]
    [MemberData(nameof(ModelCases))]
    public void Resolve_ModelTestCase_MatchesExpectation(string documentation)
    {
        var testCase = Cases[documentation];

        testCase.ShouldResolveAsExpected(
            (endpoint, region, useFips, useDualStack) => NeptuneGraphEndpoints.Resolve(endpoint, region, useFips, useDualStack, ApiType(testCase)),
            url => url);
    }

    // The model's tests cover the aws partition only; these apply the same rules to the other partitions' DNS data.
    [Theory]
    [InlineData("cn-north-1", false, false, "https://neptune-graph.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", true, false, "https://neptune-graph-fips.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("cn-north-1", false, true, "https://neptune-graph.cn-north-1.api.amazonwebservices.com.cn")]
    [InlineData("us-gov-west-1", false, false, "https://neptune-graph.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-east-1", true, false, "https://neptune-graph-fips.us-gov-east-1.amazonaws.com")]
    [InlineData("us-gov-west-1", true, true, "https://neptune-graph-fips.us-gov-west-1.api.aws")]
    [InlineData("us-iso-east-1", false, false, "https://neptune-graph.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-iso-east-1", true, false, "https://neptune-graph-fips.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-isob-east-1", false, false, "https://neptune-graph.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData("eu-isoe-west-1", false, false, "https://neptune-graph.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData("us-isof-south-1", false, false, "https://neptune-graph.us-isof-south-1.csp.hci.ic.gov")]
    [InlineData("eusc-de-east-1", false, false, "https://neptune-graph.eusc-de-east-1.amazonaws.eu")]
    public void Resolve_OtherPartition_UsesPartitionDnsSuffix(string region, bool useFips, bool useDualStack, string expected)
    {
        // Act
        var url = NeptuneGraphEndpoints.Resolve(null, region, useFips, useDualStack, NeptuneGraphEndpoints.ControlPlane);

        // Assert
        url.ShouldBe(expected);
    }

    /// <summary>The API type every case of this service's rule set names.</summary>
    private static string ApiType(EndpointModelCase testCase) => testCase.Parameters.GetProperty("ApiType").GetString()!;
}
