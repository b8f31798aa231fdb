using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Tests.Clients;

public sealed class NeptuneGraphEndpointsTests
{
    /// <summary>Every case of the service's own <c>endpoint-tests-1.json</c>, read from the file.</summary>
    public static TheoryData<string, string?, string?, bool, bool, string, string?, string?> ModelCases
    {
        get
        {
            var cases = new TheoryData<string, string?, string?, bool, bool, string, string?, string?>();
            foreach (var testCase in EndpointModelCase.Load("neptune-graph-endpoint-tests-1.json"))
            {
                cases.Add(
                    testCase.Documentation,
                    testCase.Text("Endpoint"),
                    testCase.Text("Region"),
                    testCase.Flag("UseFIPS"),
                    testCase.Flag("UseDualStack"),
                    testCase.Parameters.GetProperty("ApiType").GetString()!,
                    testCase.ExpectedUrl,
                    testCase.ExpectedError);
            }

            return cases;
        }
    }

    [Fact]
    public void ModelCases_FromFile_CoverControlPlaneAndErrors()
    {
        // Arrange / Act
        var rows = ModelCases.Select(row => ((ITheoryDataRow)row).GetData()).ToList();

        // Assert: the file was read, and it exercises the control plane, FIPS, dual-stack and error outcomes.
        rows.Count.ShouldBeGreaterThan(60);
        rows.Count(row => (string)row[5]! == NeptuneGraphEndpoints.ControlPlane && row[6] is not null).ShouldBeGreaterThan(30);
        rows.Count(row => row[7] is not null).ShouldBeGreaterThan(10);
    }

    [Theory]
    [MemberData(nameof(ModelCases))]
    public void Resolve_ModelTestCase_MatchesExpectation(string documentation, string? endpoint, string? region, bool useFips, bool useDualStack, string apiType, string? expectedUrl, string? expectedError)
    {
        EndpointModelCase.ShouldResolveAsExpected(
            () => NeptuneGraphEndpoints.Resolve(endpoint, region, useFips, useDualStack, apiType),
            () => expectedUrl!,
            expectedError,
            documentation);
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
}
