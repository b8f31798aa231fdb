using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// Client for the Neptune Analytics control plane (export and import tasks, graphs) on AWSSDK.Core's pipeline:
/// the SDK credential chain, SigV4, standard or adaptive retries, timeouts and endpoint configuration all behave as in
/// the official AWS SDK for .NET. Errors surface as <see cref="NeptuneGraphException"/> subclasses; identifiers are
/// validated against the model's patterns before any call, with an <see cref="ArgumentException"/> naming the member.
/// Answers are read as leniently as the official SDKs read them: an answer that cannot be read at all throws
/// <see cref="UnreadableResponseException"/> at once (not retried); a malformed list entry is skipped and a malformed
/// optional member read as absent, each listed in <see cref="NeptuneGraphResponse.Anomalies"/> and logged as a warning.
/// </summary>
public sealed partial class NeptuneGraphClient : AwsServiceClient
{
    /// <summary>Region, endpoint and credentials from the environment (the SDK's default chains).</summary>
    public NeptuneGraphClient()
        : this(new NeptuneGraphClientConfig())
    {
    }

    /// <summary>Uses the SDK's default credential chain; <paramref name="logger"/> hears of answers read only in part.</summary>
    public NeptuneGraphClient(NeptuneGraphClientConfig config, ILogger? logger = null)
        : this(null, config, logger)
    {
    }

    /// <summary>Uses the given credentials (null: the SDK's default chain); <paramref name="logger"/> hears of answers read only in part.</summary>
    public NeptuneGraphClient(AWSCredentials? credentials, NeptuneGraphClientConfig config, ILogger? logger = null)
        : base(credentials, config, logger)
    {
    }

    /// <summary>GetExportTask: the status and progress of one export task.</summary>
    public Task<GetExportTaskResponse> GetExportTaskAsync(GetExportTaskRequest request, CancellationToken cancellationToken)
        => TaskCallAsync<GetExportTaskResponse>(request, NeptuneGraphAnswers.GetExportTask, cancellationToken);

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

        return ListAsync<ListExportTasksResponse>(request, NeptuneGraphAnswers.ListExportTasks, cancellationToken);
    }

    /// <summary>ListExportTasks: every page, following <c>nextToken</c> from <paramref name="request"/> on.</summary>
    public IAsyncEnumerable<ListExportTasksResponse> ListExportTasksPagesAsync(ListExportTasksRequest request, CancellationToken cancellationToken)
        => PagesAsync(request, ListExportTasksAsync, cancellationToken);

    /// <summary>StartExportTask: starts exporting a graph to S3.</summary>
    public Task<StartExportTaskResponse> StartExportTaskAsync(StartExportTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireGraphId(request.GraphIdentifier, nameof(request.GraphIdentifier));
        RequireText(request.RoleArn, nameof(request.RoleArn));
        ArgumentNullException.ThrowIfNull(request.Format, nameof(request.Format));
        RequireText(request.Destination, nameof(request.Destination));
        RequireText(request.KmsKeyIdentifier, nameof(request.KmsKeyIdentifier));
        return CallAsync<StartExportTaskResponse>(request, NeptuneGraphAnswers.StartExportTask, cancellationToken);
    }

    /// <summary>CancelExportTask: asks the service to cancel an export task.</summary>
    public Task<CancelExportTaskResponse> CancelExportTaskAsync(CancelExportTaskRequest request, CancellationToken cancellationToken)
        => TaskCallAsync<CancelExportTaskResponse>(request, NeptuneGraphAnswers.CancelExportTask, cancellationToken);

    /// <summary>GetImportTask: the status and progress of one import task.</summary>
    public Task<GetImportTaskResponse> GetImportTaskAsync(GetImportTaskRequest request, CancellationToken cancellationToken)
        => TaskCallAsync<GetImportTaskResponse>(request, NeptuneGraphAnswers.GetImportTask, cancellationToken);

    /// <summary>GetImportTask for one task ID (<c>t-[a-z0-9]{10}</c>).</summary>
    public Task<GetImportTaskResponse> GetImportTaskAsync(string taskIdentifier, CancellationToken cancellationToken)
        => GetImportTaskAsync(new GetImportTaskRequest { TaskIdentifier = taskIdentifier }, cancellationToken);

    /// <summary>ListImportTasks: one page.</summary>
    public Task<ListImportTasksResponse> ListImportTasksAsync(ListImportTasksRequest request, CancellationToken cancellationToken)
        => ListAsync<ListImportTasksResponse>(request, NeptuneGraphAnswers.ListImportTasks, cancellationToken);

    /// <summary>ListImportTasks: every page.</summary>
    public IAsyncEnumerable<ListImportTasksResponse> ListImportTasksPagesAsync(ListImportTasksRequest request, CancellationToken cancellationToken)
        => PagesAsync(request, ListImportTasksAsync, cancellationToken);

    /// <summary>ListGraphs: one page.</summary>
    public Task<ListGraphsResponse> ListGraphsAsync(ListGraphsRequest request, CancellationToken cancellationToken)
        => ListAsync<ListGraphsResponse>(request, NeptuneGraphAnswers.ListGraphs, cancellationToken);

    /// <summary>ListGraphs: every page.</summary>
    public IAsyncEnumerable<ListGraphsResponse> ListGraphsPagesAsync(ListGraphsRequest request, CancellationToken cancellationToken)
        => PagesAsync(request, ListGraphsAsync, cancellationToken);

    private async Task<TResponse> CallAsync<TResponse>(object request, NeptuneGraphResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : NeptuneGraphResponse
    {
        var output = await SendAsync<TResponse>(request, NeptuneGraphRequestMarshaller.Instance, unmarshaller, cancellationToken);
        foreach (var anomaly in output.Anomalies)
        {
            LogAnomaly(Logger, unmarshaller.OperationName, Subject(request), output.RequestId, anomaly);
        }

        return output;
    }

    private Task<TResponse> TaskCallAsync<TResponse>(TaskRequest request, NeptuneGraphResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : NeptuneGraphResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireTaskId(request.TaskIdentifier, nameof(request.TaskIdentifier));
        return CallAsync<TResponse>(request, unmarshaller, cancellationToken);
    }

    private Task<TResponse> ListAsync<TResponse>(PageRequest request, NeptuneGraphResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : PageResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        RequirePage(request.NextToken, request.MaxResults);
        return CallAsync<TResponse>(request, unmarshaller, cancellationToken);
    }

    /// <summary>Every page from <paramref name="request"/> on.</summary>
    private static async IAsyncEnumerable<TResponse> PagesAsync<TRequest, TResponse>(
        TRequest request,
        Func<TRequest, CancellationToken, Task<TResponse>> listAsync,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : PageRequest
        where TResponse : PageResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var next = request; next is not null;)
        {
            var page = await listAsync(next, cancellationToken);
            yield return page;
            next = NextPage(next, page.NextToken) is { } token ? (TRequest)next.At(token) : null;
        }
    }

    /// <summary>What a call was about, so a warning names the task or the page.</summary>
    private static string Subject(object request) => request switch
    {
        TaskRequest task => $"task {task.TaskIdentifier}",
        StartExportTaskRequest start => $"graph {start.GraphIdentifier}",
        ListExportTasksRequest list => Page(list.GraphIdentifier is { } graph ? $"graph {graph}" : "all graphs", list.NextToken),
        ListImportTasksRequest list => Page("all graphs", list.NextToken),
        ListGraphsRequest list => Page("graphs", list.NextToken),
        _ => request.GetType().Name,
    };

    private static string Page(string of, string? nextToken)
        => nextToken is null ? $"{of}, first page" : $"{of}, page at nextToken {(nextToken.Length > 40 ? string.Concat(nextToken.AsSpan(0, 40), "...") : nextToken)}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neptune Analytics {Operation} answer for {Subject} (request {RequestId}) was read in part: {Anomaly}")]
    private static partial void LogAnomaly(ILogger logger, string operation, string subject, string? requestId, string anomaly);

    /// <summary>
    /// The token for the next page, or null when done. A service that hands back the token it was given would be
    /// followed forever, and stopping there would hide the pages not read, so that fails the listing, as botocore's
    /// paginator does (<c>PaginationError</c>, <c>paginate.py</c>) and as the poll cycle's own listing walk does.
    /// </summary>
    private static string? NextPage(PageRequest request, string? next)
        => string.IsNullOrEmpty(next) ? null
            : string.Equals(request.NextToken, next, StringComparison.Ordinal)
                ? throw new InvalidDataException($"Neptune Analytics handed back the nextToken it was given ({Subject(request)}); the rest of the listing cannot be read.")
                : next;

    private static void RequireTaskId(string? value, string member)
    {
        if (!TaskIds.IsTaskId(value))
        {
            throw new ArgumentException($"{member} '{value}' is not a Neptune Analytics task ID ({TaskIds.TaskIdRule}).", member);
        }
    }

    private static void RequireGraphId(string? value, string member)
    {
        if (!TaskIds.IsGraphId(value))
        {
            throw new ArgumentException($"{member} '{value}' is not a Neptune Analytics graph ID ({TaskIds.GraphIdRule}).", member);
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
