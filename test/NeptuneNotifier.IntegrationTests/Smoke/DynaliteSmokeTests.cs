using System.Net;

namespace NeptuneNotifier.IntegrationTests.Smoke;

public sealed class DynaliteSmokeTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Dynalite_UnsignedRequest_AnswersWithDynamoDbError()
    {
        using var http = new HttpClient();
        using var content = new StringContent("{}");
        content.Headers.ContentType = new("application/x-amz-json-1.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, dynalite.Endpoint) { Content = content };
        request.Headers.Add("X-Amz-Target", "DynamoDB_20120810.ListTables");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("MissingAuthenticationToken");
    }
}
