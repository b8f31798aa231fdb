using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>Builds the rest-json HTTP request for each operation from our request records.</summary>
internal sealed class NeptuneGraphRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static NeptuneGraphRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var wire = (WireRequest)input;
        var request = new DefaultRequest(wire, "NeptuneGraph");
        switch (wire.Input)
        {
            case GetExportTaskRequest get:
                Get(request, "/exporttasks/{taskIdentifier}").AddPathResource("{taskIdentifier}", get.TaskIdentifier);
                break;
            case CancelExportTaskRequest cancel:
                request.HttpMethod = "DELETE";
                request.ResourcePath = "/exporttasks/{taskIdentifier}";
                request.AddPathResource("{taskIdentifier}", cancel.TaskIdentifier);
                break;
            case ListExportTasksRequest list:
                Get(request, "/exporttasks");
                AddQuery(request, "graphIdentifier", list.GraphIdentifier);
                AddQuery(request, "nextToken", list.NextToken);
                AddQuery(request, "maxResults", list.MaxResults);
                break;
            case StartExportTaskRequest start:
                request.HttpMethod = "POST";
                request.ResourcePath = "/exporttasks";
                request.Content = NeptuneGraphJson.WriteStartExportTask(start);
                request.Headers["Content-Type"] = "application/json";
                break;
            case GetImportTaskRequest getImport:
                Get(request, "/importtasks/{taskIdentifier}").AddPathResource("{taskIdentifier}", getImport.TaskIdentifier);
                break;
            case ListImportTasksRequest listImports:
                Get(request, "/importtasks");
                AddQuery(request, "nextToken", listImports.NextToken);
                AddQuery(request, "maxResults", listImports.MaxResults);
                break;
            case ListGraphsRequest listGraphs:
                Get(request, "/graphs");
                AddQuery(request, "nextToken", listGraphs.NextToken);
                AddQuery(request, "maxResults", listGraphs.MaxResults);
                break;
            default:
                throw new InvalidOperationException($"No Neptune Analytics operation takes a {wire.Input.GetType().Name}.");
        }

        return request;
    }

    private static DefaultRequest Get(DefaultRequest request, string resourcePath)
    {
        request.HttpMethod = "GET";
        request.ResourcePath = resourcePath;
        request.UseQueryString = true;
        return request;
    }

    private static void AddQuery(DefaultRequest request, string name, string? value)
    {
        if (value is not null)
        {
            request.Parameters.Add(name, value);
        }
    }

    private static void AddQuery(DefaultRequest request, string name, int? value)
    {
        if (value is { } number)
        {
            request.Parameters.Add(name, number.ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Reads one operation's response, and the rest-json error shape shared by all operations.</summary>
internal sealed class NeptuneGraphResponseUnmarshaller(string operation, Func<LenientObject, NeptuneGraphResponse> parse)
    : BufferedResponseUnmarshaller("Neptune Analytics", operation)
{
    /// <summary>The operation's API name, for logs.</summary>
    public string OperationName => Operation;

    protected override AmazonWebServiceResponse Parse(byte[] body, IWebResponseData response)
    {
        List<string> anomalies = [];
        var output = parse(new LenientObject(JsonRead.RootObject(body), string.Empty, anomalies));
        return new WireResponse { Output = output with { RequestId = RequestIdOf(response), Anomalies = anomalies } };
    }

    protected override AmazonServiceException ParseError(byte[] body, IWebResponseData response, Exception innerException, HttpStatusCode statusCode, string? requestId)
    {
        // The header, else the body's code member in any case, else its __type: the order of botocore and of the AWS
        // SDK for JavaScript v3 for rest-json (loadRestJsonErrorCode in @smithy/core).
        var document = JsonRead.ErrorDocument(body);
        var code = AwsErrorCode.Sanitize(response.GetHeaderValue("x-amzn-ErrorType"));
        if (code is null && !AwsErrorCode.TryFromMember(document, "code", ignoreCase: true, out code))
        {
            AwsErrorCode.TryFromMember(document, "__type", ignoreCase: false, out code);
        }

        var serviceMessage = document is { } d3 ? StringOrNull(d3, "message") ?? StringOrNull(d3, "Message") : null;
        var errorType = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;

        if (code is null)
        {
            return new NeptuneGraphException(UnknownError(body, document is not null, "a JSON object", innerException, errorType, requestId, statusCode));
        }

        var error = NamedError(code, serviceMessage, innerException, errorType, requestId, statusCode);
        var fields = document ?? default;
        string? Field(string name) => document is null ? null : StringOrNull(fields, name);
        return code switch
        {
            "ThrottlingException" => new ThrottlingException(error),
            "ValidationException" => new ValidationException(error)
            {
                Reason = Field("reason") is { } reason ? new ValidationExceptionReason(reason) : null,
            },
            "InternalServerException" => new InternalServerException(error),
            "ResourceNotFoundException" => new ResourceNotFoundException(error),
            "ConflictException" => new ConflictException(error)
            {
                Reason = Field("reason") is { } reason ? new ConflictExceptionReason(reason) : null,
            },
            "AccessDeniedException" => new AccessDeniedException(error),
            "ServiceQuotaExceededException" => new ServiceQuotaExceededException(error)
            {
                ResourceId = Field("resourceId"),
                ResourceType = Field("resourceType"),
                ServiceCode = Field("serviceCode"),
                QuotaCode = Field("quotaCode"),
            },
            _ => new NeptuneGraphException(error),
        };
    }

    private static string? StringOrNull(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? JsonText.Read(value) : null;
}
