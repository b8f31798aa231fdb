namespace NeptuneNotifier.Aws.EventBridge;

public sealed partial class EventBridgeClient
{
    /// <summary>
    /// Puts any number of events: every entry is checked first, then the list is cut, in order, into PutEvents calls of
    /// at most <see cref="PutEventsLimits.MaxEntries"/> entries whose sizes stay under
    /// <see cref="PutEventsLimits.MaxRequestBytes"/> together, sent one after another. Returns one result per entry, in
    /// the order of <paramref name="entries"/>; an entry EventBridge did not put has an error code (throttled and
    /// internal failures are worth putting again).
    /// </summary>
    /// <exception cref="ArgumentException">An entry breaks a limit of the service; nothing was sent.</exception>
    /// <exception cref="PutEventsBatchException">
    /// A call after the first failed, or was answered with a result count that does not match its entries: the results
    /// of the calls before it are in <see cref="PutEventsBatchException.Completed"/>.
    /// </exception>
    /// <remarks>When the first call fails, its own exception is thrown: nothing was put by an earlier call.</remarks>
    public async Task<IReadOnlyList<PutEventsResultEntry>> PutEventsInBatchesAsync(IReadOnlyList<PutEventsRequestEntry> entries, CancellationToken cancellationToken)
    {
        var batches = SplitIntoCalls(entries);
        List<PutEventsResultEntry> results = new(entries.Count);
        foreach (var batch in batches)
        {
            PutEventsResponse response;
            try
            {
                // Each call is within the limits SplitIntoCalls checked: it is sent without checking them again.
                response = await SendCheckedAsync(new PutEventsRequest { Entries = batch }, cancellationToken);
            }
            catch (Exception exception) when (results.Count > 0)
            {
                throw new PutEventsBatchException(
                    string.Create(CultureInfo.InvariantCulture, $"PutEvents failed for entries {results.Count} to {results.Count + batch.Count - 1} of {entries.Count}: {exception.Message}"),
                    results,
                    exception);
            }

            if (response.Entries.Count != batch.Count)
            {
                throw new PutEventsBatchException(
                    string.Create(CultureInfo.InvariantCulture, $"EventBridge answered {response.Entries.Count} results for the {batch.Count} entries {results.Count} to {results.Count + batch.Count - 1} (request {response.RequestId}): it is not known which were put."),
                    results,
                    null);
            }

            results.AddRange(response.Entries);
        }

        return results;
    }

    /// <summary>The calls <see cref="PutEventsInBatchesAsync"/> makes for <paramref name="entries"/>, after checking each entry.</summary>
    internal static IReadOnlyList<IReadOnlyList<PutEventsRequestEntry>> SplitIntoCalls(IReadOnlyList<PutEventsRequestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sizes = new int[entries.Count];
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Entries[{index}] is null."), nameof(entries));
            sizes[index] = PutEventsLimits.ValidateEntry(entry, index);
        }

        List<IReadOnlyList<PutEventsRequestEntry>> calls = [];
        List<PutEventsRequestEntry> current = [];
        var currentSize = 0;
        for (var index = 0; index < entries.Count; index++)
        {
            var (entry, size) = (entries[index], sizes[index]);
            if (current.Count == PutEventsLimits.MaxEntries || currentSize + size >= PutEventsLimits.MaxRequestBytes)
            {
                calls.Add(current);
                (current, currentSize) = ([], 0);
            }

            current.Add(entry);
            currentSize += size;
        }

        if (current.Count > 0)
        {
            calls.Add(current);
        }

        return calls;
    }
}

/// <summary>
/// A PutEvents call of <see cref="EventBridgeClient.PutEventsInBatchesAsync"/> failed after earlier calls were answered.
/// <see cref="Completed"/> holds the results of the entries before the failed call, in order; whether the entries of
/// the failed call were put is not known (the inner exception tells what happened), and later entries were not sent.
/// </summary>
public sealed class PutEventsBatchException(string message, IReadOnlyList<PutEventsResultEntry> completed, Exception? innerException)
    : Exception(message, innerException)
{
    /// <summary>One result per entry of the calls answered before the failure, in the order of the entries.</summary>
    public IReadOnlyList<PutEventsResultEntry> Completed { get; } = [.. completed];
}
