namespace NeptuneNotifier.Emulator;

/// <summary>
/// Listings that disagree with the task reads, as an eventually consistent listing may: a task (or every task of a
/// graph) listed with the status it had some time ago, and a task left out of the listings for a while. The API
/// reference promises nothing about a listing agreeing with GetExportTask, so a client that lists to save reads must
/// treat a listing as a hint; these quirks let tests show it does. Thread-safe.
/// </summary>
internal sealed class ListingQuirks
{
    /// <summary>The longest lag accepted: far beyond any cycle, short enough to stay a plain number of seconds.</summary>
    public static readonly TimeSpan MaxLag = TimeSpan.FromDays(365);

    private readonly Lock gate = new();
    private readonly Dictionary<string, TimeSpan> taskLags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> graphLags = new(StringComparer.Ordinal);

    // The listings still to leave a task out of; null until cleared.
    private readonly Dictionary<string, int?> omissions = new(StringComparer.Ordinal);

    /// <summary>Lists the task with the status it had <paramref name="lag"/> earlier; zero lists it as it is now.</summary>
    public void SetTaskLag(string taskId, TimeSpan lag) => SetLag(taskLags, taskId, lag);

    /// <summary>Lists every task of the graph that has no lag of its own with the status it had <paramref name="lag"/> earlier.</summary>
    public void SetGraphLag(string graphId, TimeSpan lag) => SetLag(graphLags, graphId, lag);

    /// <summary>The lag of the task's listing entry: its own, else its graph's, else zero.</summary>
    public TimeSpan LagOf(string taskId, string graphId)
    {
        lock (gate)
        {
            return taskLags.TryGetValue(taskId, out var own) ? own : graphLags.GetValueOrDefault(graphId);
        }
    }

    /// <summary>Leaves the task out of the next <paramref name="listings"/> pages that would carry it, or of every page until <see cref="Restore"/>.</summary>
    public void Omit(string taskId, int? listings)
    {
        if (listings is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(listings), listings, "Leave a task out of at least one listing, or give no count to leave it out until cleared.");
        }

        lock (gate)
        {
            omissions[taskId] = listings;
        }
    }

    public void Restore(string taskId)
    {
        lock (gate)
        {
            omissions.Remove(taskId);
        }
    }

    /// <summary>Whether the page being written leaves the task out; counts that page against a limited omission.</summary>
    public bool TakeOmission(string taskId)
    {
        lock (gate)
        {
            if (!omissions.TryGetValue(taskId, out var remaining))
            {
                return false;
            }

            if (remaining is 1)
            {
                omissions.Remove(taskId);
            }
            else if (remaining is { } count)
            {
                omissions[taskId] = count - 1;
            }

            return true;
        }
    }

    private void SetLag(Dictionary<string, TimeSpan> lags, string id, TimeSpan lag)
    {
        if (lag < TimeSpan.Zero || lag > MaxLag)
        {
            throw new ArgumentOutOfRangeException(nameof(lag), lag, $"A listing lag must be between 0 and {MaxLag.TotalDays} days.");
        }

        lock (gate)
        {
            if (lag == TimeSpan.Zero)
            {
                lags.Remove(id);
            }
            else
            {
                lags[id] = lag;
            }
        }
    }
}
