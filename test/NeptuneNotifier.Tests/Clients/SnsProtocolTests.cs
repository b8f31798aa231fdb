using Amazon.Runtime.Internal;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

public sealed class SnsProtocolTests
{
    [Fact]
    public void Marshall_PublishWithEveryMember_PostsForm()
    {
        // Arrange
        var publish = new PublishRequest
        {
            TopicArn = TestAccount.FifoTopicArn,
            Subject = "a&b=c",
            Message = "x+y ü\n",
            MessageStructure = "json",
            MessageGroupId = "g",
            MessageDeduplicationId = "d",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["status"] = MessageAttributeValue.String("SUCCEEDED"),
                ["bytes"] = MessageAttributeValue.Binary([0, 1, 254, 255]),
            },
        };

        // Act
        var request = PublishRequestMarshaller.Instance.Marshall(new WireRequest(publish));

        // Assert
        request.HttpMethod.ShouldBe("POST");
        request.ResourcePath.ShouldBe("/");
        request.Headers["Content-Type"].ShouldBe("application/x-www-form-urlencoded; charset=utf-8");
        var fields = Decode(Encoding.UTF8.GetString(request.Content));
        fields.ShouldBe(new Dictionary<string, string>
        {
            ["Action"] = "Publish",
            ["Version"] = "2010-03-31",
            ["TopicArn"] = TestAccount.FifoTopicArn,
            ["Subject"] = "a&b=c",
            ["Message"] = "x+y ü\n",
            ["MessageStructure"] = "json",
            ["MessageGroupId"] = "g",
            ["MessageDeduplicationId"] = "d",
            ["MessageAttributes.entry.1.Name"] = "status",
            ["MessageAttributes.entry.1.Value.DataType"] = "String",
            ["MessageAttributes.entry.1.Value.StringValue"] = "SUCCEEDED",
            ["MessageAttributes.entry.2.Name"] = "bytes",
            ["MessageAttributes.entry.2.Value.DataType"] = "Binary",
            ["MessageAttributes.entry.2.Value.BinaryValue"] = "AAH+/w==",
        }, ignoreOrder: true);
    }

    [Fact]
    public void FormBody_ReservedCharacters_AreRfc3986Encoded()
    {
        // Act
        var body = PublishRequestMarshaller.FormBody(new PublishRequest { TopicArn = TestAccount.TopicArn, Message = "a+b c&d=e/ü~" });

        // Assert
        body.ShouldContain("Message=a%2Bb%20c%26d%3De%2F%C3%BC~");
        body.ShouldNotContain("+");
    }

    [Fact]
    public void StringArray_Values_AreJsonArray()
    {
        // Act
        var value = MessageAttributeValue.StringArray(["g-0123456789", "quote\"d"]);

        // Assert
        value.DataType.ShouldBe("String.Array");
        value.StringValue.ShouldBe("[\"g-0123456789\",\"quote\\u0022d\"]");
    }

    [Fact]
    public void Number_Value_IsInvariantText()
    {
        // Act / Assert
        MessageAttributeValue.Number(1234.5m).StringValue.ShouldBe("1234.5");
    }

    [Fact]
    public void Unmarshall_FifoPublishResponse_ReadsMessageIdAndSequence()
    {
        // Arrange
        const string body = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>id-1</MessageId><SequenceNumber>10000000000000003000</SequenceNumber><Future>x</Future></PublishResult>
              <ResponseMetadata><RequestId>body-req</RequestId></ResponseMetadata>
            </PublishResponse>
            """;

        // Act
        var response = (PublishResponse)Unmarshal.Success(PublishResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.OK, body))!;

        // Assert
        response.ShouldBe(new PublishResponse { MessageId = "id-1", SequenceNumber = "10000000000000003000", RequestId = "body-req" });
    }

    [Theory]
    [InlineData("<PublishResponse><PublishResult></PublishResult></PublishResponse>", "required element 'MessageId' is missing")]
    [InlineData("<PublishResponse><PublishResult><MessageId>abc", "")]
    [InlineData("{\"json\":true}", "")]
    [InlineData("", "")]
    public void Unmarshall_MalformedPublishResponse_ThrowsNamingOperationAndStatus(string body, string detail)
    {
        // Act
        var exception = Should.Throw<UnreadableResponseException>(() => Unmarshal.Success(PublishResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.OK, body)));

        // Assert
        exception.Message.ShouldContain("SNS Publish returned HTTP 200 (OK)");
        exception.Message.ShouldContain(detail);
    }

    [Theory]
    [InlineData("NotFound", 404, typeof(NotFoundException))]
    [InlineData("InvalidParameter", 400, typeof(InvalidParameterException))]
    [InlineData("ParameterValueInvalid", 400, typeof(InvalidParameterValueException))]
    [InlineData("AuthorizationError", 403, typeof(AuthorizationErrorException))]
    [InlineData("InternalError", 500, typeof(InternalErrorException))]
    [InlineData("Throttled", 429, typeof(ThrottledException))]
    [InlineData("EndpointDisabled", 400, typeof(EndpointDisabledException))]
    [InlineData("PlatformApplicationDisabled", 400, typeof(PlatformApplicationDisabledException))]
    [InlineData("KMSDisabled", 400, typeof(KmsDisabledException))]
    [InlineData("KMSInvalidState", 400, typeof(KmsInvalidStateException))]
    [InlineData("KMSNotFound", 400, typeof(KmsNotFoundException))]
    [InlineData("KMSOptInRequired", 403, typeof(KmsOptInRequiredException))]
    [InlineData("KMSThrottling", 400, typeof(KmsThrottlingException))]
    [InlineData("KMSAccessDenied", 400, typeof(KmsAccessDeniedException))]
    [InlineData("InvalidSecurity", 403, typeof(InvalidSecurityException))]
    [InlineData("ValidationException", 400, typeof(ValidationException))]
    [InlineData("SomethingNew", 400, typeof(SnsException))]
    public void Unmarshall_ErrorResponse_MapsCodeToType(string code, int status, Type expected)
    {
        // Arrange
        var body = $"<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>why</Message></Error><RequestId>r-9</RequestId></ErrorResponse>";

        // Act
        var exception = Unmarshal.Error(PublishResponseUnmarshaller.Instance, new FakeWebResponse((HttpStatusCode)status, body));

        // Assert
        exception.ShouldBeOfType(expected);
        exception.ErrorCode.ShouldBe(code);
        exception.Message.ShouldBe("why");
        exception.RequestId.ShouldBe("r-9");
        ((int)exception.StatusCode).ShouldBe(status);
    }

    [Fact]
    public void Unmarshall_HtmlError_ReportsUnknownWithStatus()
    {
        // Act
        var exception = Unmarshal.Error(PublishResponseUnmarshaller.Instance, new FakeWebResponse(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body>"));

        // Assert
        exception.ShouldBeOfType<SnsException>().ErrorCode.ShouldBe(SnsException.UnknownErrorCode);
        exception.Message.ShouldContain("SNS Publish returned HTTP 502 (BadGateway)");
        exception.ErrorType.ShouldBe(ErrorType.Receiver);
    }

    [Fact]
    public void RetryPolicy_Throttled_IsThrottlingAndTransient()
    {
        // Arrange
        var policy = new StandardRetryPolicy(new SnsClientConfig { RegionEndpoint = Amazon.RegionEndpoint.USEast1 });
        var throttled = new ThrottledException(new("slow", null, ErrorType.Sender, "Throttled", "r", HttpStatusCode.BadRequest));
        var invalid = new InvalidParameterException(new("bad", null, ErrorType.Sender, "InvalidParameter", "r", HttpStatusCode.BadRequest));
        var context = new Amazon.Runtime.Internal.ExecutionContext(new RequestContext(false) { ClientConfig = new SnsClientConfig { RegionEndpoint = Amazon.RegionEndpoint.USEast1 } }, new ResponseContext());

        // Act / Assert
        policy.IsThrottlingError(throttled).ShouldBeTrue();
        policy.IsTransientError(context, throttled).ShouldBeTrue();
        policy.IsThrottlingError(invalid).ShouldBeFalse();
        policy.IsTransientError(context, invalid).ShouldBeFalse();
    }

    private static Dictionary<string, string> Decode(string form)
        => form.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(parts => Uri.UnescapeDataString(parts[0]), parts => Uri.UnescapeDataString(parts[1]), StringComparer.Ordinal);
}
