using ValidationException = NeptuneNotifier.Aws.NeptuneGraph.ValidationException;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// Translates a case written in the official SDK's input shape into our request records, calls our client, and
/// projects our response back into the official SDK's output shape so the two can be compared member by member.
/// </summary>
internal static class NeptuneGraphWireMapping
{
    /// <summary>The service name the official client, the capture server's verifier and our signing scope share.</summary>
    public const string Service = "neptune-graph";

    public static NeptuneGraphClient CreateClient(Uri endpoint, int maxErrorRetry = 0, TimeSpan? timeout = null, RequestRetryMode retryMode = RequestRetryMode.Standard) =>
        LocalClients.Neptune(endpoint, NodeWire.SigningCredentials, maxErrorRetry, retryMode: retryMode, timeout: timeout);

    /// <summary>A GetExportTask answer with every member a finished or running export has, as the service sends it.</summary>
    public static string ExportTaskJson(string taskId, string status, string format = "PARQUET") => $$"""
        {"graphId":"g-0123456789","roleArn":"arn:aws:iam::123456789012:role/export","taskId":"{{taskId}}","status":"{{status}}",
         "format":"{{format}}","destination":"s3://bucket/prefix/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"}
        """;

    public static async Task<JsonObject> InvokeAsync(NeptuneGraphClient client, string operation, JsonObject input, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case "GetExportTask":
                var get = await client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = Text(input, "taskIdentifier")! }, cancellationToken);
                return Merge(ExportTask(get.Task), new JsonObject { ["exportTaskDetails"] = Details(get.ExportTaskDetails), ["exportFilter"] = Filter(get.ExportFilter) });
            case "ListExportTasks":
                var list = await client.ListExportTasksAsync(
                    new ListExportTasksRequest { GraphIdentifier = Text(input, "graphIdentifier"), NextToken = Text(input, "nextToken"), MaxResults = Number(input, "maxResults") },
                    cancellationToken);
                return new JsonObject { ["tasks"] = new JsonArray([.. list.Tasks.Select(t => (JsonNode)ExportTask(t))]), ["nextToken"] = list.NextToken };
            case "StartExportTask":
                var started = await client.StartExportTaskAsync(StartRequest(input), cancellationToken);
                return Merge(ExportTask(started.Task), new JsonObject { ["exportFilter"] = Filter(started.ExportFilter) });
            case "CancelExportTask":
                var cancelled = await client.CancelExportTaskAsync(new CancelExportTaskRequest { TaskIdentifier = Text(input, "taskIdentifier")! }, cancellationToken);
                return ExportTask(cancelled.Task);
            case "GetImportTask":
                var import = await client.GetImportTaskAsync(new GetImportTaskRequest { TaskIdentifier = Text(input, "taskIdentifier")! }, cancellationToken);
                return Merge(ImportTask(import.Task), new JsonObject
                {
                    ["importOptions"] = import.ImportOptions is { } options
                        ? new JsonObject
                        {
                            ["neptune"] = options.Neptune is { } n
                                ? new JsonObject
                                {
                                    ["s3ExportPath"] = n.S3ExportPath,
                                    ["s3ExportKmsKeyId"] = n.S3ExportKmsKeyId,
                                    ["preserveDefaultVertexLabels"] = n.PreserveDefaultVertexLabels,
                                    ["preserveEdgeIds"] = n.PreserveEdgeIds,
                                }
                                : null,
                        }
                        : null,
                    ["importTaskDetails"] = import.ImportTaskDetails is { } d
                        ? new JsonObject
                        {
                            ["status"] = d.Status,
                            ["startTime"] = Seconds(d.StartTime),
                            ["timeElapsedSeconds"] = d.TimeElapsedSeconds,
                            ["progressPercentage"] = d.ProgressPercentage,
                            ["errorCount"] = d.ErrorCount,
                            ["errorDetails"] = d.ErrorDetails,
                            ["statementCount"] = d.StatementCount,
                            ["dictionaryEntryCount"] = d.DictionaryEntryCount,
                        }
                        : null,
                    ["attemptNumber"] = import.AttemptNumber,
                    ["statusReason"] = import.StatusReason,
                });
            case "ListImportTasks":
                var imports = await client.ListImportTasksAsync(new ListImportTasksRequest { NextToken = Text(input, "nextToken"), MaxResults = Number(input, "maxResults") }, cancellationToken);
                return new JsonObject
                {
                    ["tasks"] = new JsonArray([.. imports.Tasks.Select(t => (JsonNode)ImportTask(t))]),
                    ["nextToken"] = imports.NextToken,
                };
            case "ListGraphs":
                var graphs = await client.ListGraphsAsync(new ListGraphsRequest { NextToken = Text(input, "nextToken"), MaxResults = Number(input, "maxResults") }, cancellationToken);
                return new JsonObject
                {
                    ["graphs"] = new JsonArray([.. graphs.Graphs.Select(g => (JsonNode)new JsonObject
                    {
                        ["id"] = g.Id,
                        ["name"] = g.Name,
                        ["arn"] = g.Arn,
                        ["status"] = g.Status?.Value,
                        ["provisionedMemory"] = g.ProvisionedMemory,
                        ["publicConnectivity"] = g.PublicConnectivity,
                        ["endpoint"] = g.Endpoint,
                        ["replicaCount"] = g.ReplicaCount,
                        ["kmsKeyIdentifier"] = g.KmsKeyIdentifier,
                        ["deletionProtection"] = g.DeletionProtection,
                    })]),
                    ["nextToken"] = graphs.NextToken,
                };
            default:
                throw new ArgumentException($"no mapping for operation {operation}", nameof(operation));
        }
    }

    /// <summary>The modeled fields of our exception (a validation or conflict reason, a quota's ids), named as the official SDK names them.</summary>
    public static JsonObject ErrorFields(AmazonServiceException exception)
    {
        var fields = new JsonObject();
        switch (exception)
        {
            case ValidationException validation:
                fields["reason"] = validation.Reason?.Value;
                break;
            case ConflictException conflict:
                fields["reason"] = conflict.Reason?.Value;
                break;
            case ServiceQuotaExceededException quota:
                fields["resourceId"] = quota.ResourceId;
                fields["resourceType"] = quota.ResourceType;
                fields["serviceCode"] = quota.ServiceCode;
                fields["quotaCode"] = quota.QuotaCode;
                break;
        }

        return fields;
    }

    private static StartExportTaskRequest StartRequest(JsonObject input) => new()
    {
        GraphIdentifier = Text(input, "graphIdentifier")!,
        RoleArn = Text(input, "roleArn")!,
        Format = new ExportFormat(Text(input, "format")!),
        Destination = Text(input, "destination")!,
        KmsKeyIdentifier = Text(input, "kmsKeyIdentifier")!,
        ParquetType = Text(input, "parquetType") is { } parquet ? new ParquetType(parquet) : null,
        ExportFilter = input["exportFilter"] is JsonObject filter
            ? new ExportFilter { VertexFilter = FilterMap(filter["vertexFilter"]), EdgeFilter = FilterMap(filter["edgeFilter"]) }
            : null,
        Tags = input["tags"] is JsonObject tags ? tags.ToDictionary(t => t.Key, t => t.Value!.GetValue<string>()) : null,
    };

    private static Dictionary<string, ExportFilterElement>? FilterMap(JsonNode? node)
        => node is JsonObject map
            ? map.ToDictionary(
                label => label.Key,
                label => new ExportFilterElement
                {
                    Properties = label.Value?["properties"] is JsonObject properties
                        ? properties.ToDictionary(
                            p => p.Key,
                            p => new ExportFilterPropertyAttributes
                            {
                                OutputType = Text(p.Value!.AsObject(), "outputType"),
                                SourcePropertyName = Text(p.Value!.AsObject(), "sourcePropertyName"),
                                MultiValueHandling = Text(p.Value!.AsObject(), "multiValueHandling") is { } m ? new MultiValueHandlingType(m) : null,
                            })
                        : null,
                })
            : null;

    private static JsonObject ExportTask(ExportTaskSummary task) => new()
    {
        ["graphId"] = task.GraphId,
        ["roleArn"] = task.RoleArn,
        ["taskId"] = task.TaskId,
        ["status"] = task.Status.Value,
        ["format"] = task.Format?.Value,
        ["destination"] = task.Destination,
        ["kmsKeyIdentifier"] = task.KmsKeyIdentifier,
        ["parquetType"] = task.ParquetType?.Value,
        ["statusReason"] = task.StatusReason,
    };

    private static JsonObject ImportTask(ImportTaskSummary task) => new()
    {
        ["graphId"] = task.GraphId,
        ["taskId"] = task.TaskId,
        ["source"] = task.Source,
        ["format"] = task.Format?.Value,
        ["parquetType"] = task.ParquetType?.Value,
        ["roleArn"] = task.RoleArn,
        ["status"] = task.Status.Value,
    };

    private static JsonObject? Details(ExportTaskDetails? details) => details is null
        ? null
        : new JsonObject
        {
            ["startTime"] = Seconds(details.StartTime),
            ["timeElapsedSeconds"] = details.TimeElapsedSeconds,
            ["progressPercentage"] = details.ProgressPercentage,
            ["numVerticesWritten"] = details.NumVerticesWritten,
            ["numEdgesWritten"] = details.NumEdgesWritten,
        };

    private static JsonObject? Filter(ExportFilter? filter) => filter is null
        ? null
        : new JsonObject { ["vertexFilter"] = FilterMapNode(filter.VertexFilter), ["edgeFilter"] = FilterMapNode(filter.EdgeFilter) };

    private static JsonObject? FilterMapNode(IReadOnlyDictionary<string, ExportFilterElement>? map) => map is null
        ? null
        : new JsonObject([.. map.Select(label => KeyValuePair.Create(label.Key, (JsonNode?)new JsonObject
        {
            ["properties"] = label.Value.Properties is { } properties
                ? new JsonObject([.. properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject
                {
                    ["outputType"] = p.Value.OutputType,
                    ["sourcePropertyName"] = p.Value.SourcePropertyName,
                    ["multiValueHandling"] = p.Value.MultiValueHandling?.Value,
                }))])
                : null,
        }))]);

    /// <summary>Epoch seconds at millisecond precision, as a JavaScript Date carries them.</summary>
    private static decimal? Seconds(DateTimeOffset? value)
        => value is { } time ? decimal.Parse((time.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    private static JsonObject Merge(JsonObject target, JsonObject extra)
    {
        foreach (var (key, value) in extra.ToList())
        {
            extra.Remove(key);
            target[key] = value;
        }

        return target;
    }

    private static string? Text(JsonObject input, string name) => input[name]?.GetValue<string>();

    private static int? Number(JsonObject input, string name) => input[name]?.GetValue<int>();
}
