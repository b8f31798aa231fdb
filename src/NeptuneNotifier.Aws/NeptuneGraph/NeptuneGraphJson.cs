using System.Buffers;
using System.Text.Json;
using static NeptuneNotifier.Aws.Http.JsonRead;

namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>rest-json bodies of the Neptune Analytics operations, read and written member by member (AOT-safe).</summary>
internal static class NeptuneGraphJson
{
    public static ExportTaskSummary ReadExportTask(JsonElement obj) => new()
    {
        GraphId = RequiredString(obj, "graphId"),
        RoleArn = RequiredString(obj, "roleArn"),
        TaskId = RequiredString(obj, "taskId"),
        Status = RequiredEnum(obj, "status", static v => new ExportTaskStatus(v)),
        Format = RequiredEnum(obj, "format", static v => new ExportFormat(v)),
        Destination = RequiredString(obj, "destination"),
        KmsKeyIdentifier = RequiredString(obj, "kmsKeyIdentifier"),
        ParquetType = Enum(obj, "parquetType", static v => new ParquetType(v)),
        StatusReason = String(obj, "statusReason"),
    };

    public static ExportTaskDetails? ReadExportTaskDetails(JsonElement parent)
        => Object(parent, "exportTaskDetails") is { } obj
            ? new ExportTaskDetails
            {
                StartTime = RequiredEpochSeconds(obj, "startTime"),
                TimeElapsedSeconds = RequiredInt64(obj, "timeElapsedSeconds"),
                ProgressPercentage = RequiredInt32(obj, "progressPercentage"),
                NumVerticesWritten = Int64(obj, "numVerticesWritten"),
                NumEdgesWritten = Int64(obj, "numEdgesWritten"),
            }
            : null;

    public static ExportFilter? ReadExportFilter(JsonElement parent)
        => Object(parent, "exportFilter") is { } obj
            ? new ExportFilter
            {
                VertexFilter = Map(obj, "vertexFilter", ReadFilterElement),
                EdgeFilter = Map(obj, "edgeFilter", ReadFilterElement),
            }
            : null;

    public static ImportTaskSummary ReadImportTaskSummary(JsonElement obj) => new()
    {
        GraphId = String(obj, "graphId"),
        TaskId = RequiredString(obj, "taskId"),
        Source = RequiredString(obj, "source"),
        Format = Enum(obj, "format", static v => new ImportFormat(v)),
        ParquetType = Enum(obj, "parquetType", static v => new ParquetType(v)),
        RoleArn = RequiredString(obj, "roleArn"),
        Status = RequiredEnum(obj, "status", static v => new ImportTaskStatus(v)),
    };

    public static GetImportTaskResponse ReadGetImportTask(JsonElement obj, string? requestId) => new()
    {
        RequestId = requestId,
        GraphId = String(obj, "graphId"),
        TaskId = RequiredString(obj, "taskId"),
        Source = RequiredString(obj, "source"),
        Format = Enum(obj, "format", static v => new ImportFormat(v)),
        ParquetType = Enum(obj, "parquetType", static v => new ParquetType(v)),
        RoleArn = RequiredString(obj, "roleArn"),
        Status = RequiredEnum(obj, "status", static v => new ImportTaskStatus(v)),
        ImportOptions = Object(obj, "importOptions") is { } options ? ReadImportOptions(options) : null,
        ImportTaskDetails = Object(obj, "importTaskDetails") is { } details ? ReadImportTaskDetails(details) : null,
        AttemptNumber = Int32(obj, "attemptNumber"),
        StatusReason = String(obj, "statusReason"),
    };

    public static GraphSummary ReadGraphSummary(JsonElement obj) => new()
    {
        Id = RequiredString(obj, "id"),
        Name = RequiredString(obj, "name"),
        Arn = RequiredString(obj, "arn"),
        Status = Enum(obj, "status", static v => new GraphStatus(v)),
        ProvisionedMemory = Int32(obj, "provisionedMemory"),
        PublicConnectivity = Boolean(obj, "publicConnectivity"),
        Endpoint = String(obj, "endpoint"),
        ReplicaCount = Int32(obj, "replicaCount"),
        KmsKeyIdentifier = String(obj, "kmsKeyIdentifier"),
        DeletionProtection = Boolean(obj, "deletionProtection"),
    };

    public static byte[] WriteStartExportTask(StartExportTaskRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("graphIdentifier", request.GraphIdentifier);
            writer.WriteString("roleArn", request.RoleArn);
            writer.WriteString("format", request.Format.Value);
            writer.WriteString("destination", request.Destination);
            writer.WriteString("kmsKeyIdentifier", request.KmsKeyIdentifier);
            if (request.ParquetType is { } parquetType)
            {
                writer.WriteString("parquetType", parquetType.Value);
            }

            if (request.ExportFilter is { } filter)
            {
                writer.WritePropertyName("exportFilter");
                WriteExportFilter(writer, filter);
            }

            if (request.Tags is { } tags)
            {
                writer.WriteStartObject("tags");
                foreach (var (key, value) in tags)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteExportFilter(Utf8JsonWriter writer, ExportFilter filter)
    {
        writer.WriteStartObject();
        WriteFilterMap(writer, "vertexFilter", filter.VertexFilter);
        WriteFilterMap(writer, "edgeFilter", filter.EdgeFilter);
        writer.WriteEndObject();
    }

    private static void WriteFilterMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, ExportFilterElement>? map)
    {
        if (map is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (label, element) in map)
        {
            writer.WriteStartObject(label);
            if (element.Properties is { } properties)
            {
                writer.WriteStartObject("properties");
                foreach (var (propertyName, attributes) in properties)
                {
                    writer.WriteStartObject(propertyName);
                    if (attributes.OutputType is { } outputType)
                    {
                        writer.WriteString("outputType", outputType);
                    }

                    if (attributes.SourcePropertyName is { } sourcePropertyName)
                    {
                        writer.WriteString("sourcePropertyName", sourcePropertyName);
                    }

                    if (attributes.MultiValueHandling is { } multiValueHandling)
                    {
                        writer.WriteString("multiValueHandling", multiValueHandling.Value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static ExportFilterElement ReadFilterElement(JsonElement value)
    {
        var obj = RequireObject(value, "exportFilter label");
        return new ExportFilterElement
        {
            Properties = Map(obj, "properties", static property =>
            {
                var attributes = RequireObject(property, "exportFilter property");
                return new ExportFilterPropertyAttributes
                {
                    OutputType = String(attributes, "outputType"),
                    SourcePropertyName = String(attributes, "sourcePropertyName"),
                    MultiValueHandling = Enum(attributes, "multiValueHandling", static v => new MultiValueHandlingType(v)),
                };
            }),
        };
    }

    private static ImportOptions ReadImportOptions(JsonElement obj)
    {
        var neptune = Object(obj, "neptune");
        string? unknown = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name != "neptune" && property.Value.ValueKind != JsonValueKind.Null)
            {
                unknown = property.Name;
            }
        }

        return new ImportOptions
        {
            Neptune = neptune is { } n
                ? new NeptuneImportOptions
                {
                    S3ExportPath = RequiredString(n, "s3ExportPath"),
                    S3ExportKmsKeyId = RequiredString(n, "s3ExportKmsKeyId"),
                    PreserveDefaultVertexLabels = Boolean(n, "preserveDefaultVertexLabels"),
                    PreserveEdgeIds = Boolean(n, "preserveEdgeIds"),
                }
                : null,
            UnknownMember = neptune is null ? unknown : null,
        };
    }

    private static ImportTaskDetails ReadImportTaskDetails(JsonElement obj) => new()
    {
        Status = RequiredString(obj, "status"),
        StartTime = RequiredEpochSeconds(obj, "startTime"),
        TimeElapsedSeconds = RequiredInt64(obj, "timeElapsedSeconds"),
        ProgressPercentage = RequiredInt32(obj, "progressPercentage"),
        ErrorCount = RequiredInt32(obj, "errorCount"),
        ErrorDetails = String(obj, "errorDetails"),
        StatementCount = RequiredInt64(obj, "statementCount"),
        DictionaryEntryCount = RequiredInt64(obj, "dictionaryEntryCount"),
    };
}
