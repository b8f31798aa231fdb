using Amazon.Runtime.Internal;
using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Tests.Clients;

public sealed class EventBridgeProtocolTests
{
    private static readonly Dictionary<string, string> JsonHeaders = new() { ["Content-Type"] = "application/x-amz-json-1.1", ["x-amzn-RequestId"] = "req-1" };

    [Fact]
    public void Marshall_EntryWithEveryMember_PostsJson11WithTarget()
    {
        // Arrange
        var put = new PutEventsRequest
        {
            Entries =
            [
                new PutEventsRequestEntry
                {
                    Time = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 500, TimeSpan.Zero).AddTicks(9999),
                    Source = "neptune-notifier",
                    Resources = ["arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-abcdefghij"],
                    DetailType = "Neptune Analytics Export Task State Change",
                    Detail = """{"status":"SUCCEEDED","note":"Grüße ✓ <&>"}""",
                    EventBusName = "default",
                    TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793",
                },
                new PutEventsRequestEntry { Source = "s", DetailType = "d", Detail = "{}" },
            ],
        };

        // Act
        var request = PutEventsRequestMarshaller.Instance.Marshall(new WireRequest(put));

        // Assert
        (request.HttpMethod, request.ResourcePath).ShouldBe(("POST", "/"));
        request.Headers["Content-Type"].ShouldBe("application/x-amz-json-1.1");
        request.Headers["X-Amz-Target"].ShouldBe("AWSEvents.PutEvents");
        Encoding.UTF8.GetString(request.Content).ShouldBe(
            """{"Entries":[{"Time":1772366400.5,"Source":"neptune-notifier","Resources":["arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-abcdefghij"],"DetailType":"Neptune Analytics Export Task State Change","Detail":"{\"status\":\"SUCCEEDED\",\"note\":\"Grüße ✓ <&>\"}","EventBusName":"default","TraceHeader":"Root=1-5759e988-bd862e3fe1be46a994272793"},{"Source":"s","DetailType":"d","Detail":"{}"}]}""");
    }

    [Fact]
    public void Marshall_WholeSecondAndEmptyResources_WritesThemAsTheyAre()
    {
        // Arrange
        var put = new PutEventsRequest { Entries = [new PutEventsRequestEntry { Time = DateTimeOffset.FromUnixTimeSeconds(1700000000), Source = "s", DetailType = "d", Detail = "{}", Resources = [] }] };

        // Act
        using var body = JsonDocument.Parse(PutEventsRequestMarshaller.Body(put));

        // Assert
        var entry = body.RootElement.GetProperty("Entries")[0];
        entry.GetProperty("Time").GetDecimal().ShouldBe(1700000000m);
        entry.GetProperty("Resources").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Unmarshall_PartialFailure_ReadsEachEntryAtItsIndex()
    {
        // Arrange
        const string body = """
            {"FailedEntryCount":1,"Entries":[{"EventId":"11710aed-b79e-4468-a20b-bb3c0c3b4860"},
             {"ErrorCode":"InternalFailure","ErrorMessage":"try again"},{"EventId":"e-3","Future":true}],"AlsoNew":1}
            """;

        // Act
        var response = (PutEventsResponse)Unmarshal.Success(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.FailedEntryCount.ShouldBe(1);
        response.Entries.ShouldBe(
        [
            new PutEventsResultEntry { EventId = "11710aed-b79e-4468-a20b-bb3c0c3b4860" },
            new PutEventsResultEntry { ErrorCode = "InternalFailure", ErrorMessage = "try again" },
            new PutEventsResultEntry { EventId = "e-3" },
        ]);
        response.Entries.Select(entry => entry.Failed).ShouldBe([false, true, false]);
        response.RequestId.ShouldBe("req-1");
        response.Anomalies.ShouldBeEmpty();
    }

    [Fact]
    public void Unmarshall_OddEntriesAndMembers_KeepsPositionsAndSaysWhat()
    {
        // Arrange
        const string body = """{"FailedEntryCount":"1","Entries":[{"EventId":42,"ErrorCode":"InvalidArgument"},"oops",null,{"EventId":"e-4"}]}""";

        // Act
        var response = (PutEventsResponse)Unmarshal.Success(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;

        // Assert
        response.FailedEntryCount.ShouldBeNull();
        response.Entries.ShouldBe(
        [
            new PutEventsResultEntry { ErrorCode = "InvalidArgument" },
            new PutEventsResultEntry(),
            new PutEventsResultEntry(),
            new PutEventsResultEntry { EventId = "e-4" },
        ]);
        response.Anomalies.Count.ShouldBe(3);
        response.Anomalies.ShouldContain(a => a.StartsWith("FailedEntryCount read as absent", StringComparison.Ordinal));
        response.Anomalies.ShouldContain(a => a.StartsWith("Entries[0].EventId read as absent", StringComparison.Ordinal));
        response.Anomalies.ShouldContain(a => a.StartsWith("Entries[1] read as empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Unmarshall_EmptyObject_ReadsNoEntries()
    {
        // Act
        var response = (PutEventsResponse)Unmarshal.Success(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.OK, "{}", JsonHeaders))!;

        // Assert
        (response.FailedEntryCount, response.Entries.Count).ShouldBe((null, 0));
    }

    [Theory]
    [InlineData("<html>502</html>")]
    [InlineData("""{"FailedEntryCount":0,"Entries":[{"EventId":"e""")]
    [InlineData("""{"Entries":{"EventId":"e"}}""")]
    [InlineData("[]")]
    [InlineData("")]
    public void Unmarshall_UnreadableOk_ThrowsNamingOperationAndStatus(string body)
    {
        // Act
        var exception = Should.Throw<UnreadableResponseException>(() => Unmarshal.Success(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders)));

        // Assert
        exception.Message.ShouldContain("EventBridge PutEvents returned HTTP 200 (OK)");
    }

    [Theory]
    [InlineData("InternalException", 500, typeof(InternalException), ErrorType.Receiver)]
    [InlineData("ThrottlingException", 400, typeof(ThrottlingException), ErrorType.Sender)]
    [InlineData("AccessDeniedException", 400, typeof(AccessDeniedException), ErrorType.Sender)]
    [InlineData("ValidationException", 400, typeof(ValidationException), ErrorType.Sender)]
    [InlineData("ResourceNotFoundException", 400, typeof(ResourceNotFoundException), ErrorType.Sender)]
    [InlineData("NotAuthorized", 400, typeof(EventBridgeException), ErrorType.Sender)]
    [InlineData("ServiceUnavailable", 503, typeof(EventBridgeException), ErrorType.Receiver)]
    public void Unmarshall_ErrorDocument_MapsTypeToException(string code, int status, Type expected, ErrorType errorType)
    {
        // Arrange
        var body = $$"""{"__type":"com.amazonaws.eventbridge#{{code}}","message":"why"}""";

        // Act
        var exception = Unmarshal.Error(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse((HttpStatusCode)status, body, JsonHeaders));

        // Assert
        exception.ShouldBeOfType(expected);
        (exception.ErrorCode, exception.Message, exception.RequestId, (int)exception.StatusCode, exception.ErrorType).ShouldBe((code, "why", "req-1", status, errorType));
    }

    [Theory]
    [InlineData("""{"__type":"ThrottlingException","code":"AccessDeniedException"}""", "ValidationException", "ThrottlingException")]
    [InlineData("""{"Code":"AccessDeniedException:http://internal/","Message":"m"}""", "ValidationException", "AccessDeniedException")]
    [InlineData("""{"message":"only the header"}""", "ValidationException,InternalException", "ValidationException")]
    public void Unmarshall_CodeInSeveralPlaces_BodyTypeThenCodeThenHeader(string body, string header, string expected)
    {
        // Arrange
        var headers = new Dictionary<string, string>(JsonHeaders) { ["x-amzn-ErrorType"] = header };

        // Act
        var exception = Unmarshal.Error(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.BadRequest, body, headers));

        // Assert
        exception.ErrorCode.ShouldBe(expected);
    }

    [Theory]
    [InlineData(502, "<html><body>Bad Gateway</body></html>", "the error body is not a JSON object")]
    [InlineData(400, """{"message":"no code at all"}""", "the error body names no error code")]
    public void Unmarshall_ErrorWithoutCode_IsUnknownWithStatus(int status, string body, string problem)
    {
        // Act
        var exception = Unmarshal.Error(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse((HttpStatusCode)status, body, JsonHeaders));

        // Assert
        exception.ShouldBeOfType<EventBridgeException>().ErrorCode.ShouldBe(EventBridgeException.UnknownErrorCode);
        exception.Message.ShouldContain($"EventBridge PutEvents returned HTTP {status}");
        exception.Message.ShouldContain(problem);
    }

    [Fact]
    public void RetryPolicy_EventBridgeErrors_ClassifiedAsTheSdksDo()
    {
        // Arrange
        var config = new EventBridgeClientConfig { RegionEndpoint = Amazon.RegionEndpoint.USEast1 };
        var policy = new StandardRetryPolicy(config);
        var context = new Amazon.Runtime.Internal.ExecutionContext(new RequestContext(false) { ClientConfig = config }, new ResponseContext());
        EventBridgeException Error(string json, int status)
            => (EventBridgeException)Unmarshal.Error(PutEventsResponseUnmarshaller.Instance, new FakeWebResponse((HttpStatusCode)status, json, JsonHeaders));

        var throttling = Error("""{"__type":"ThrottlingException"}""", 400);
        var tooMany = Error("""{"__type":"SomethingNew"}""", 429);
        var internalError = Error("""{"__type":"InternalException"}""", 500);
        var invalid = Error("""{"__type":"ValidationException"}""", 400);
        var denied = Error("""{"__type":"AccessDeniedException"}""", 400);

        // Act / Assert
        (policy.IsThrottlingError(throttling), policy.RetryForException(context, throttling)).ShouldBe((true, true));
        (policy.IsThrottlingError(tooMany), policy.RetryForException(context, tooMany)).ShouldBe((true, true));
        (policy.IsThrottlingError(internalError), policy.RetryForException(context, internalError)).ShouldBe((false, true));
        (policy.IsThrottlingError(invalid), policy.RetryForException(context, invalid)).ShouldBe((false, false));
        (policy.IsThrottlingError(denied), policy.RetryForException(context, denied)).ShouldBe((false, false));
    }
}
