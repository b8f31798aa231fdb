using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// Each client's endpoint resolver against its service model's own rule-set tests (<c>endpoint-tests-1.json</c>, kept
/// next to these tests as <c>{service}-endpoint-tests-1.json</c>), and against the partitions those tests leave out.
/// </summary>
public sealed class EndpointRuleSetTests
{
    private const string NeptuneGraph = "neptune-graph";
    private const string Events = "events";
    private const string Sns = "sns";

    /// <summary>Every case of each service's file, by service, then by the case's documentation.</summary>
    private static readonly Dictionary<string, IReadOnlyDictionary<string, EndpointModelCase>> Cases =
        new[] { NeptuneGraph, Events, Sns }.ToDictionary(service => service, service => EndpointModelCase.Load($"{service}-endpoint-tests-1.json"));

    public static TheoryData<string, string> ModelCases =>
        new(Cases.SelectMany(service => service.Value.Keys.Select(documentation => (service.Key, documentation))));

    [Theory]
    [InlineData(NeptuneGraph, 73, 21)]
    [InlineData(Events, 61, 7)]
    [InlineData(Sns, 49, 3)]
    public void ModelCases_FromFile_AreReadWhole(string service, int count, int errors)
    {
        Cases[service].Count.ShouldBe(count);
        Cases[service].Values.Count(testCase => testCase.ExpectedError is not null).ShouldBe(errors);
    }

    [Fact]
    public void ModelCases_FromFile_CoverEachServicesOwnRules()
    {
        // Assert: Neptune Analytics' control plane, and EventBridge's global endpoints (EndpointId) signed with SigV4a.
        Cases[NeptuneGraph].Values.Count(testCase => ApiType(testCase) == NeptuneGraphEndpoints.ControlPlane && testCase.ExpectedUrl is not null).ShouldBe(33);
        Cases[Events].Values.Count(testCase => testCase.Text("EndpointId") is not null && testCase.ExpectedUrl is not null).ShouldBe(3);
        Cases[Events].Values.Count(ExpectsSigV4a).ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(ModelCases))]
    public void Resolve_ModelTestCase_MatchesExpectation(string service, string documentation)
    {
        var testCase = Cases[service][documentation];

        switch (service)
        {
            case NeptuneGraph:
                testCase.ShouldResolveAsExpected(
                    (endpoint, region, useFips, useDualStack) => NeptuneGraphEndpoints.Resolve(endpoint, region, useFips, useDualStack, ApiType(testCase)),
                    url => url);
                break;
            case Events:
                testCase.ShouldResolveAsExpected(
                    (endpoint, region, useFips, useDualStack) => EventBridgeEndpoints.Resolve(endpoint, region, useFips, useDualStack, testCase.Text("EndpointId")),
                    url => new EventBridgeEndpoint(url, ExpectsSigV4a(testCase)));
                break;
            case Sns:
                testCase.ShouldResolveAsExpected(SnsEndpoints.Resolve, url => url);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service, "No resolver for this service.");
        }
    }

    // The models' tests leave some partitions out (Neptune Analytics' cover the aws partition only), and name only the
    // GovCloud regions of today; these apply the same rule sets to them. Regional endpoints are signed with SigV4.
    [Theory]
    [InlineData(NeptuneGraph, "cn-north-1", false, false, "https://neptune-graph.cn-north-1.amazonaws.com.cn")]
    [InlineData(NeptuneGraph, "cn-northwest-1", true, false, "https://neptune-graph-fips.cn-northwest-1.amazonaws.com.cn")]
    [InlineData(NeptuneGraph, "cn-north-1", false, true, "https://neptune-graph.cn-north-1.api.amazonwebservices.com.cn")]
    [InlineData(NeptuneGraph, "us-gov-west-1", false, false, "https://neptune-graph.us-gov-west-1.amazonaws.com")]
    [InlineData(NeptuneGraph, "us-gov-east-1", true, false, "https://neptune-graph-fips.us-gov-east-1.amazonaws.com")]
    [InlineData(NeptuneGraph, "us-gov-west-1", true, true, "https://neptune-graph-fips.us-gov-west-1.api.aws")]
    [InlineData(NeptuneGraph, "us-iso-east-1", false, false, "https://neptune-graph.us-iso-east-1.c2s.ic.gov")]
    [InlineData(NeptuneGraph, "us-iso-east-1", true, false, "https://neptune-graph-fips.us-iso-east-1.c2s.ic.gov")]
    [InlineData(NeptuneGraph, "us-isob-east-1", false, false, "https://neptune-graph.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData(NeptuneGraph, "eu-isoe-west-1", false, false, "https://neptune-graph.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData(NeptuneGraph, "us-isof-south-1", false, false, "https://neptune-graph.us-isof-south-1.csp.hci.ic.gov")]
    [InlineData(NeptuneGraph, "eusc-de-east-1", false, false, "https://neptune-graph.eusc-de-east-1.amazonaws.eu")]
    [InlineData(Events, "cn-northwest-1", true, false, "https://events-fips.cn-northwest-1.amazonaws.com.cn")]
    [InlineData(Events, "us-gov-east-1", true, true, "https://events.us-gov-east-1.api.aws")]
    [InlineData(Events, "us-gov-central-1", true, false, "https://events-fips.us-gov-central-1.amazonaws.com")]
    [InlineData(Events, "eu-isoe-west-1", false, false, "https://events.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData(Events, "us-isof-south-1", false, false, "https://events.us-isof-south-1.csp.hci.ic.gov")]
    [InlineData(Events, "eusc-de-east-1", false, false, "https://events.eusc-de-east-1.amazonaws.eu")]
    [InlineData(Sns, "us-gov-central-1", true, false, "https://sns-fips.us-gov-central-1.amazonaws.com")]
    [InlineData(Sns, "eu-isoe-west-1", false, false, "https://sns.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData(Sns, "us-isof-south-1", true, false, "https://sns-fips.us-isof-south-1.csp.hci.ic.gov")]
    [InlineData(Sns, "eusc-de-east-1", false, false, "https://sns.eusc-de-east-1.amazonaws.eu")]
    public void Resolve_OtherRegion_FollowsTheRuleSet(string service, string region, bool useFips, bool useDualStack, string expected)
    {
        // Act
        object endpoint = service switch
        {
            NeptuneGraph => NeptuneGraphEndpoints.Resolve(null, region, useFips, useDualStack, NeptuneGraphEndpoints.ControlPlane),
            Events => EventBridgeEndpoints.Resolve(null, region, useFips, useDualStack),
            Sns => SnsEndpoints.Resolve(null, region, useFips, useDualStack),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "No resolver for this service."),
        };

        // Assert
        endpoint.ShouldBe(service == Events ? new EventBridgeEndpoint(expected) : expected);
    }

    /// <summary>The API type every case of Neptune Analytics' rule set names.</summary>
    private static string ApiType(EndpointModelCase testCase) => testCase.Parameters.GetProperty("ApiType").GetString()!;

    /// <summary>Whether the case expects a global endpoint's signing: SigV4a for the events service in every region (<c>*</c>).</summary>
    private static bool ExpectsSigV4a(EndpointModelCase testCase) =>
        testCase.Endpoint.ValueKind == JsonValueKind.Object
        && testCase.Endpoint.TryGetProperty("properties", out var properties)
        && properties.TryGetProperty("authSchemes", out var schemes)
        && schemes.EnumerateArray().Any(scheme => scheme.GetProperty("name").GetString() == "sigv4a"
            && scheme.GetProperty("signingName").GetString() == "events"
            && scheme.GetProperty("signingRegionSet").EnumerateArray().Select(region => region.GetString()).SequenceEqual(["*"]));
}
