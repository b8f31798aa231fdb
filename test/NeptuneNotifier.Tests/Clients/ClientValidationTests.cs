using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// Bad input is rejected before any request, with a message naming the member (the endpoint here does not exist). Task
/// and graph ids are the bad-input corpus's cases, which <see cref="Reliability.BadInputTests"/> runs through the clients.
/// </summary>
public sealed class ClientValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task ListGraphsAsync_MaxResultsOutOfRange_Throws(int maxResults)
    {
        // Arrange
        using var client = UnreachableClients.NeptuneGraph();

        // Act / Assert
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => client.ListGraphsAsync(new ListGraphsRequest { MaxResults = maxResults }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PublishAsync_NoTarget_Throws()
    {
        // Arrange
        using var client = UnreachableClients.Sns();

        // Act
        var exception = await Should.ThrowAsync<ArgumentException>(() => client.PublishAsync(new PublishRequest { Message = "m" }, TestContext.Current.CancellationToken));

        // Assert
        exception.Message.ShouldContain("exactly one of TopicArn, TargetArn or PhoneNumber");
    }

    [Fact]
    public async Task PublishAsync_AttributeWithoutValue_ThrowsNamingAttribute()
    {
        // Arrange
        using var client = UnreachableClients.Sns();
        var request = new PublishRequest
        {
            TopicArn = TestAccount.TopicArn,
            Message = "m",
            MessageAttributes = new Dictionary<string, MessageAttributeValue> { ["status"] = new() { DataType = "String" } },
        };

        // Act
        var exception = await Should.ThrowAsync<ArgumentException>(() => client.PublishAsync(request, TestContext.Current.CancellationToken));

        // Assert
        exception.Message.ShouldContain("'status'");
    }

    [Fact]
    public void Config_ServiceIdentity_MatchesSdkConventions()
    {
        // Arrange / Act
        var neptune = new NeptuneGraphClientConfig();
        var sns = new SnsClientConfig();

        // Assert: ServiceId drives AWS_ENDPOINT_URL_NEPTUNE_GRAPH / AWS_ENDPOINT_URL_SNS, the names drive SigV4 scope.
        (neptune.ServiceId, neptune.AuthenticationServiceName, neptune.RegionEndpointServiceName).ShouldBe(("Neptune Graph", "neptune-graph", "neptune-graph"));
        (sns.ServiceId, sns.AuthenticationServiceName, sns.RegionEndpointServiceName).ShouldBe(("SNS", "sns", "sns"));
    }

    [Fact]
    public async Task GetExportTaskAsync_CustomEndpointWithFips_ThrowsRuleSetError()
    {
        // Arrange
        using var client = new NeptuneGraphClient(TestAccount.Credentials, new NeptuneGraphClientConfig { ServiceURL = UnreachableClients.ServiceUrl, AuthenticationRegion = TestAccount.Region, UseFIPSEndpoint = true });

        // Act
        var exception = await Should.ThrowAsync<ArgumentException>(() => client.GetExportTaskAsync("t-abcdefghij", TestContext.Current.CancellationToken));

        // Assert
        exception.Message.ShouldBe("Invalid Configuration: FIPS and custom endpoint are not supported");
    }
}
