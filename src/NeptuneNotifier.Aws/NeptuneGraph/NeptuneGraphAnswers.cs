namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// The rest-json answers of the Neptune Analytics operations, read as leniently as the official SDKs read them
/// (<see cref="LenientObject"/>): a task needs only its <c>taskId</c> and <c>status</c>, a graph only its <c>id</c>;
/// every other member may be absent or malformed without costing the answer, and a malformed list entry is skipped.
/// A body that is not JSON, a top-level value that is not an object, or a list member that is not an array stays
/// unreadable.
/// </summary>
internal static class NeptuneGraphAnswers
{
    public static NeptuneGraphResponseUnmarshaller GetExportTask { get; } = new("GetExportTask", static answer => new GetExportTaskResponse
    {
        Task = ExportTask(answer),
        ExportTaskDetails = ExportTaskDetails(answer),
        ExportFilter = ExportFilter(answer),
    });

    public static NeptuneGraphResponseUnmarshaller ListExportTasks { get; } = new("ListExportTasks", static answer => new ListExportTasksResponse
    {
        Tasks = answer.Entries("tasks", ExportTask),
        NextToken = NextToken(answer),
    });

    public static NeptuneGraphResponseUnmarshaller StartExportTask { get; } = new("StartExportTask", static answer => new StartExportTaskResponse
    {
        Task = ExportTask(answer),
        ExportFilter = ExportFilter(answer),
    });

    public static NeptuneGraphResponseUnmarshaller CancelExportTask { get; } = new("CancelExportTask", static answer => new CancelExportTaskResponse
    {
        Task = ExportTask(answer),
    });

    public static NeptuneGraphResponseUnmarshaller GetImportTask { get; } = new("GetImportTask", static answer => new GetImportTaskResponse
    {
        Task = ImportTask(answer),
        ImportOptions = answer.Object("importOptions", ImportOptions),
        ImportTaskDetails = answer.Object("importTaskDetails", ImportTaskDetails),
        AttemptNumber = answer.Int32("attemptNumber"),
        StatusReason = answer.String("statusReason"),
    });

    public static NeptuneGraphResponseUnmarshaller ListImportTasks { get; } = new("ListImportTasks", static answer => new ListImportTasksResponse
    {
        Tasks = answer.Entries("tasks", ImportTask),
        NextToken = NextToken(answer),
    });

    public static NeptuneGraphResponseUnmarshaller ListGraphs { get; } = new("ListGraphs", static answer => new ListGraphsResponse
    {
        Graphs = answer.Entries("graphs", static graph => new GraphSummary
        {
            Id = graph.Needed("id"),
            Name = graph.String("name"),
            Arn = graph.String("arn"),
            Status = graph.Enum("status", static v => new GraphStatus(v)),
            ProvisionedMemory = graph.Int32("provisionedMemory"),
            PublicConnectivity = graph.Boolean("publicConnectivity"),
            Endpoint = graph.String("endpoint"),
            ReplicaCount = graph.Int32("replicaCount"),
            KmsKeyIdentifier = graph.String("kmsKeyIdentifier"),
            DeletionProtection = graph.Boolean("deletionProtection"),
        }),
        NextToken = NextToken(answer),
    });

    private static ExportTaskSummary ExportTask(LenientObject task) => new()
    {
        TaskId = task.Needed("taskId"),
        Status = new ExportTaskStatus(task.Needed("status")),
        GraphId = task.String("graphId"),
        RoleArn = task.String("roleArn"),
        Format = task.Enum("format", static v => new ExportFormat(v)),
        Destination = task.String("destination"),
        KmsKeyIdentifier = task.String("kmsKeyIdentifier"),
        ParquetType = task.Enum("parquetType", static v => new ParquetType(v)),
        StatusReason = task.String("statusReason"),
    };

    private static ImportTaskSummary ImportTask(LenientObject task) => new()
    {
        TaskId = task.Needed("taskId"),
        Status = new ImportTaskStatus(task.Needed("status")),
        GraphId = task.String("graphId"),
        Source = task.String("source"),
        Format = task.Enum("format", static v => new ImportFormat(v)),
        ParquetType = task.Enum("parquetType", static v => new ParquetType(v)),
        RoleArn = task.String("roleArn"),
    };

    private static ExportTaskDetails? ExportTaskDetails(LenientObject answer) => answer.Object("exportTaskDetails", static details => new ExportTaskDetails
    {
        StartTime = details.EpochSeconds("startTime"),
        TimeElapsedSeconds = details.Int64("timeElapsedSeconds"),
        ProgressPercentage = details.Int32("progressPercentage"),
        NumVerticesWritten = details.Int64("numVerticesWritten"),
        NumEdgesWritten = details.Int64("numEdgesWritten"),
    });

    /// <summary>The filter is read as a whole: nothing the notifier decides depends on it, so a malformed one is dropped.</summary>
    private static ExportFilter? ExportFilter(LenientObject answer) => answer.Whole("exportFilter", static value =>
    {
        var filter = JsonRead.RequireObject(value, "exportFilter");
        return new ExportFilter
        {
            VertexFilter = JsonRead.Map(filter, "vertexFilter", FilterElement),
            EdgeFilter = JsonRead.Map(filter, "edgeFilter", FilterElement),
        };
    });

    private static ExportFilterElement FilterElement(JsonElement value)
    {
        var obj = JsonRead.RequireObject(value, "exportFilter label");
        return new ExportFilterElement
        {
            Properties = JsonRead.Map(obj, "properties", static property =>
            {
                var attributes = JsonRead.RequireObject(property, "exportFilter property");
                return new ExportFilterPropertyAttributes
                {
                    OutputType = JsonRead.String(attributes, "outputType"),
                    SourcePropertyName = JsonRead.String(attributes, "sourcePropertyName"),
                    MultiValueHandling = JsonRead.Enum(attributes, "multiValueHandling", static v => new MultiValueHandlingType(v)),
                };
            }),
        };
    }

    /// <summary>The <c>ImportOptions</c> union: a member this code does not know is named, not dropped silently.</summary>
    private static ImportOptions ImportOptions(LenientObject options)
    {
        string? unknown = null;
        foreach (var property in options.Element.EnumerateObject())
        {
            if (property.Name != "neptune" && property.Value.ValueKind != JsonValueKind.Null)
            {
                unknown = property.Name;
            }
        }

        var neptune = options.Object("neptune", static n => new NeptuneImportOptions
        {
            S3ExportPath = n.String("s3ExportPath"),
            S3ExportKmsKeyId = n.String("s3ExportKmsKeyId"),
            PreserveDefaultVertexLabels = n.Boolean("preserveDefaultVertexLabels"),
            PreserveEdgeIds = n.Boolean("preserveEdgeIds"),
        });
        return new ImportOptions { Neptune = neptune, UnknownMember = neptune is null ? unknown : null };
    }

    private static ImportTaskDetails ImportTaskDetails(LenientObject details) => new()
    {
        Status = details.String("status"),
        StartTime = details.EpochSeconds("startTime"),
        TimeElapsedSeconds = details.Int64("timeElapsedSeconds"),
        ProgressPercentage = details.Int32("progressPercentage"),
        ErrorCount = details.Int32("errorCount"),
        ErrorDetails = details.String("errorDetails"),
        StatementCount = details.Int64("statementCount"),
        DictionaryEntryCount = details.Int64("dictionaryEntryCount"),
    };

    /// <summary>A token that cannot be read would end the listing early and lose entries silently: the page is unreadable instead.</summary>
    private static string? NextToken(LenientObject answer) => JsonRead.String(answer.Element, "nextToken");
}
