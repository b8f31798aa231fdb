using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

public sealed class SnsEndpointsTests
{
    [Theory]
    [InlineData("us-east-1", false, false, "https://sns.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", true, false, "https://sns-fips.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", false, true, "https://sns.us-east-1.api.aws")]
    [InlineData("us-east-1", true, true, "https://sns-fips.us-east-1.api.aws")]
    [InlineData("cn-north-1", false, false, "https://sns.cn-north-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", true, false, "https://sns.us-gov-west-1.amazonaws.com")]
    [InlineData("us-iso-east-1", false, false, "https://sns.us-iso-east-1.c2s.ic.gov")]
    public void Resolve_Region_ReturnsRegionalEndpoint(string region, bool useFips, bool useDualStack, string expected)
    {
        // Act
        var url = SnsEndpoints.Resolve(null, region, useFips, useDualStack);

        // Assert
        url.ShouldBe(expected);
    }

    [Theory]
    [InlineData("http://localhost:4566", "us-east-1", true, false, "Invalid Configuration: FIPS and custom endpoint are not supported")]
    [InlineData("http://localhost:4566", "us-east-1", false, true, "Invalid Configuration: Dualstack and custom endpoint are not supported")]
    [InlineData(null, null, false, false, "Invalid Configuration: Missing Region")]
    public void Resolve_InvalidConfiguration_ThrowsRuleSetError(string? endpoint, string? region, bool useFips, bool useDualStack, string message)
    {
        // Act
        var resolve = () => SnsEndpoints.Resolve(endpoint, region, useFips, useDualStack);

        // Assert
        resolve.ShouldThrow<ArgumentException>().Message.ShouldBe(message);
    }
}
