using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using NeptuneNotifier.Aws.Http;
using NeptuneNotifier.Core;
using static NeptuneNotifier.Aws.Http.JsonRead;

namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// Client for the Neptune Analytics control plane (export and import tasks, graphs) on AWSSDK.Core's pipeline:
/// the SDK credential chain, SigV4, standard or adaptive retries, timeouts and endpoint configuration all behave as in
/// the official AWS SDK for .NET. Errors surface as <see cref="NeptuneGraphException"/> subclasses; identifiers are
/// validated against the model's patterns before any call, with an <see cref="ArgumentException"/> naming the member.
/// </summary>
public sealed class NeptuneGraphClient : AmazonServiceClient
{
    private static readonly NeptuneGraphResponseUnmarshaller GetExportTaskUnmarshaller = new("GetExportTask", static (obj, requestId) => new GetExportTaskResponse
    {
        RequestId = requestId,
        Task = NeptuneGraphJson.ReadExportTask(obj),
        ExportTaskDetails = NeptuneGraphJson.ReadExportTaskDetails(obj),
        ExportFilter = NeptuneGraphJson.ReadExportFilter(obj),
    });

    private static readonly NeptuneGraphResponseUnmarshaller ListExportTasksUnmarshaller = new("ListExportTasks", static (obj, requestId) => new ListExportTasksResponse
    {
        RequestId = requestId,
        Tasks = List(obj, "tasks", static item => NeptuneGraphJson.ReadExportTask(RequireObject(item, "tasks[]"))),
        NextToken = String(obj, "nextToken"),
    });

    private static readonly NeptuneGraphResponseUnmarshaller StartExportTaskUnmarshaller = new("StartExportTask", static (obj, requestId) => new StartExportTaskResponse
    {
        RequestId = requestId,
        Task = NeptuneGraphJson.ReadExportTask(obj),
        ExportFilter = NeptuneGraphJson.ReadExportFilter(obj),
    });

    private static readonly NeptuneGraphResponseUnmarshaller CancelExportTaskUnmarshaller = new("CancelExportTask", static (obj, requestId) => new CancelExportTaskResponse
    {
        RequestId = requestId,
        Task = NeptuneGraphJson.ReadExportTask(obj),
    });

    private static readonly NeptuneGraphResponseUnmarshaller GetImportTaskUnmarshaller = new("GetImportTask", static (obj, requestId) => NeptuneGraphJson.ReadGetImportTask(obj, requestId));

    private static readonly NeptuneGraphResponseUnmarshaller ListImportTasksUnmarshaller = new("ListImportTasks", static (obj, requestId) => new ListImportTasksResponse
    {
        RequestId = requestId,
        Tasks = List(obj, "tasks", static item => NeptuneGraphJson.ReadImportTaskSummary(RequireObject(item, "tasks[]"))),
        NextToken = String(obj, "nextToken"),
    });

    private static readonly NeptuneGraphResponseUnmarshaller ListGraphsUnmarshaller = new("ListGraphs", static (obj, requestId) => new ListGraphsResponse
    {
        RequestId = requestId,
        Graphs = List(obj, "graphs", static item => NeptuneGraphJson.ReadGraphSummary(RequireObject(item, "graphs[]"))),
        NextToken = String(obj, "nextToken"),
    });

    /// <summary>Region, endpoint and credentials from the environment (the SDK's default chains).</summary>
    public NeptuneGraphClient()
        : this(new NeptuneGraphClientConfig())
    {
    }

    /// <summary>Uses the SDK's default credential chain.</summary>
    public NeptuneGraphClient(NeptuneGraphClientConfig config)
        : base(config)
    {
    }

    /// <summary>Uses the given credentials.</summary>
    public NeptuneGraphClient(AWSCredentials credentials, NeptuneGraphClientConfig config)
        : base(credentials, config)
    {
    }

    protected override IServiceMetadata ServiceMetadata { get; } = new ServiceMetadata("Neptune Graph");

    /// <summary>GetExportTask: the status and progress of one export task.</summary>
    public Task<GetExportTaskResponse> GetExportTaskAsync(GetExportTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireTaskId(request.TaskIdentifier, nameof(request.TaskIdentifier));
        return CallAsync<GetExportTaskResponse>(request, GetExportTaskUnmarshaller, cancellationToken);
    }

    /// <summary>GetExportTask for one task ID (<c>t-[a-z0-9]{10}</c>).</summary>
    public Task<GetExportTaskResponse> GetExportTaskAsync(string taskIdentifier, CancellationToken cancellationToken)
        => GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = taskIdentifier }, cancellationToken);

    /// <summary>ListExportTasks: one page.</summary>
    public Task<ListExportTasksResponse> ListExportTasksAsync(ListExportTasksRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.GraphIdentifier is { } graphId)
        {
            RequireGraphId(graphId, nameof(request.GraphIdentifier));
        }

        RequirePage(request.NextToken, request.MaxResults);
        return CallAsync<ListExportTasksResponse>(request, ListExportTasksUnmarshaller, cancellationToken);
    }

    /// <summary>ListExportTasks: every page, following <c>nextToken</c> from <paramref name="request"/> on.</summary>
    public async IAsyncEnumerable<ListExportTasksResponse> ListExportTasksPagesAsync(ListExportTasksRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var next = request; next is not null;)
        {
            var page = await ListExportTasksAsync(next, cancellationToken);
            yield return page;
            next = NextPage(next.NextToken, page.NextToken) is { } token ? next with { NextToken = token } : null;
        }
    }

    /// <summary>StartExportTask: starts exporting a graph to S3.</summary>
    public Task<StartExportTaskResponse> StartExportTaskAsync(StartExportTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireGraphId(request.GraphIdentifier, nameof(request.GraphIdentifier));
        RequireText(request.RoleArn, nameof(request.RoleArn));
        ArgumentNullException.ThrowIfNull(request.Format, nameof(request.Format));
        RequireText(request.Destination, nameof(request.Destination));
        RequireText(request.KmsKeyIdentifier, nameof(request.KmsKeyIdentifier));
        return CallAsync<StartExportTaskResponse>(request, StartExportTaskUnmarshaller, cancellationToken);
    }

    /// <summary>CancelExportTask: asks the service to cancel an export task.</summary>
    public Task<CancelExportTaskResponse> CancelExportTaskAsync(CancelExportTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireTaskId(request.TaskIdentifier, nameof(request.TaskIdentifier));
        return CallAsync<CancelExportTaskResponse>(request, CancelExportTaskUnmarshaller, cancellationToken);
    }

    /// <summary>GetImportTask: the status and progress of one import task.</summary>
    public Task<GetImportTaskResponse> GetImportTaskAsync(GetImportTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireTaskId(request.TaskIdentifier, nameof(request.TaskIdentifier));
        return CallAsync<GetImportTaskResponse>(request, GetImportTaskUnmarshaller, cancellationToken);
    }

    /// <summary>GetImportTask for one task ID (<c>t-[a-z0-9]{10}</c>).</summary>
    public Task<GetImportTaskResponse> GetImportTaskAsync(string taskIdentifier, CancellationToken cancellationToken)
        => GetImportTaskAsync(new GetImportTaskRequest { TaskIdentifier = taskIdentifier }, cancellationToken);

    /// <summary>ListImportTasks: one page.</summary>
    public Task<ListImportTasksResponse> ListImportTasksAsync(ListImportTasksRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequirePage(request.NextToken, request.MaxResults);
        return CallAsync<ListImportTasksResponse>(request, ListImportTasksUnmarshaller, cancellationToken);
    }

    /// <summary>ListImportTasks: every page.</summary>
    public async IAsyncEnumerable<ListImportTasksResponse> ListImportTasksPagesAsync(ListImportTasksRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var next = request; next is not null;)
        {
            var page = await ListImportTasksAsync(next, cancellationToken);
            yield return page;
            next = NextPage(next.NextToken, page.NextToken) is { } token ? next with { NextToken = token } : null;
        }
    }

    /// <summary>ListGraphs: one page.</summary>
    public Task<ListGraphsResponse> ListGraphsAsync(ListGraphsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequirePage(request.NextToken, request.MaxResults);
        return CallAsync<ListGraphsResponse>(request, ListGraphsUnmarshaller, cancellationToken);
    }

    /// <summary>ListGraphs: every page.</summary>
    public async IAsyncEnumerable<ListGraphsResponse> ListGraphsPagesAsync(ListGraphsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var next = request; next is not null;)
        {
            var page = await ListGraphsAsync(next, cancellationToken);
            yield return page;
            next = NextPage(next.NextToken, page.NextToken) is { } token ? next with { NextToken = token } : null;
        }
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolverHandler());
    }

    private async Task<TResponse> CallAsync<TResponse>(object request, NeptuneGraphResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : NeptuneGraphResponse
    {
        var options = new InvokeOptions { RequestMarshaller = NeptuneGraphRequestMarshaller.Instance, ResponseUnmarshaller = unmarshaller };
        var response = await InvokeAsync<WireResponse>(new WireRequest(request), options, cancellationToken);
        return (TResponse)response.Output!;
    }

    /// <summary>The token for the next page, or null when done. A service that repeats the token would loop forever.</summary>
    private static string? NextPage(string? previous, string? next)
        => string.IsNullOrEmpty(next) || string.Equals(previous, next, StringComparison.Ordinal) ? null : next;

    private static void RequireTaskId(string? value, string member)
    {
        if (!TaskIds.IsTaskId(value))
        {
            throw new ArgumentException($"{member} '{value}' is not a Neptune Analytics task ID (t- followed by 10 lowercase letters or digits).", member);
        }
    }

    private static void RequireGraphId(string? value, string member)
    {
        if (!TaskIds.IsGraphId(value))
        {
            throw new ArgumentException($"{member} '{value}' is not a Neptune Analytics graph ID (g- followed by 10 lowercase letters or digits).", member);
        }
    }

    private static void RequireText(string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{member} is required.", member);
        }
    }

    private static void RequirePage(string? nextToken, int? maxResults)
    {
        if (maxResults is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(maxResults), maxResults, "MaxResults must be between 1 and 100.");
        }

        if (nextToken is { Length: 0 or > 8192 })
        {
            throw new ArgumentException("NextToken must be 1 to 8192 characters long.", nameof(nextToken));
        }
    }
}
