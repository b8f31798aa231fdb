namespace NeptuneNotifier.Aws.DynamoDb;

/// <summary>
/// Names in the state table that the template, the store and operators share. <c>docs/state-schema.md</c> gives the
/// reason for each attribute.
/// </summary>
public static class StateTableSchema
{
    /// <summary>
    /// The table's partition key (S): the task id, <see cref="ResumeItemKey"/>, or <see cref="GraphItemKeyPrefix"/> or
    /// <see cref="ListingItemKeyPrefix"/> and a graph id.
    /// </summary>
    public const string TaskId = "taskId";

    /// <summary>The sparse index over items that are active: present only while a task is polled or has a pending notification.</summary>
    public const string ActiveIndexName = "active-index";

    /// <summary>The partition key of <see cref="ActiveIndexName"/> (S), present only on active items.</summary>
    public const string Active = "active";

    /// <summary>The TTL attribute (N, epoch seconds), set once a terminal task has been notified.</summary>
    public const string ExpiresAt = "expiresAt";

    /// <summary>The key of the one item that records where a cut-short cycle stopped; not a task id, so it never collides.</summary>
    public const string ResumeItemKey = "#resume";

    /// <summary>The key prefix of the one item per graph in GRAPH_IDS that records since when its export tasks are followed.</summary>
    public const string GraphItemKeyPrefix = "#graph/";

    /// <summary>The key prefix of the one item per graph in GRAPH_IDS that records since when its import tasks are followed.</summary>
    public const string GraphImportsItemKeyPrefix = "#graph-imports/";

    /// <summary>
    /// The key prefix of the one item per listed graph (or <c>imports</c>, the account's import listing) that remembers
    /// how many pages its listing takes; in the active index, so the Query that loads the tasks reads it too.
    /// </summary>
    public const string ListingItemKeyPrefix = "#listing/";

    internal const string FollowedSince = "followedSince";
    internal const string ListingPages = "listingPages";
    internal const string ActiveValue = "1";
    internal const string GraphId = "graphId";
    internal const string Kind = "kind";
    internal const string Version = "version";
    internal const string Status = "status";
    internal const string TrackedAt = "trackedAt";
    internal const string ChangedAt = "changedAt";
    internal const string ResumeFrom = "resumeFrom";
}
