using System.Buffers;

namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>rest-json request bodies of the Neptune Analytics operations, written member by member (AOT-safe).</summary>
internal static class NeptuneGraphJson
{
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
}
