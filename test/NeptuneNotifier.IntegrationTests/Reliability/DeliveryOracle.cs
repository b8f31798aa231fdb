namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>What the oracle found: counts, and every broken promise spelled out.</summary>
internal sealed record OracleVerdict(
    int Transitions,
    int MessagesAccepted,
    int DuplicatesDelivered,
    int SuppressedByFifoDeduplication,
    int DuplicatesPastFifoWindow,
    int Losses,
    int IntermediateStatusesSkipped,
    IReadOnlyList<string> Violations)
{
    /// <summary>Messages SNS accepted for exports that had finished before their graph was followed (must be 0).</summary>
    public int HistoryPublished { get; init; }

    /// <summary>For each FIFO duplicate, minutes between the first accepted publish and the republish.</summary>
    public IReadOnlyList<double> FifoRepublishMinutes { get; init; } = [];
}

/// <summary>
/// Judges a run against the promise: every status a poll read that differs from the last notified one is published,
/// in order per task; a duplicate is only the republish of a notification whose clear failed (a crash or a store
/// error between publish and clear), and on a FIFO topic only one that came five minutes or more after the first, when
/// SNS no longer deduplicates it.
/// </summary>
internal static class DeliveryOracle
{
    /// <summary>SNS FIFO drops a message whose deduplication id it accepted within the last five minutes.</summary>
    public static readonly TimeSpan FifoDeduplicationInterval = TimeSpan.FromMinutes(5);

    /// <param name="ledger">What the run recorded.</param>
    /// <param name="finalStatuses">Each tracked task's status at the end of the run, as the service reports it (GONE when deleted).</param>
    /// <param name="fifo">True when the topic is FIFO.</param>
    /// <param name="history">Exports that finished before their graph was followed: none of them may ever be published.</param>
    public static OracleVerdict Judge(RunLedger ledger, IReadOnlyDictionary<string, string> finalStatuses, bool fifo, IReadOnlyCollection<string>? history = null)
    {
        var finishedBefore = (history ?? []).ToHashSet(StringComparer.Ordinal);
        List<string> violations = [];
        List<double> gaps = [];
        var (accepted, suppressed, pastWindow) = Deliver(ledger.Delivered, fifo, violations, gaps);
        var observations = ledger.Observations.GroupBy(o => o.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var byTask = accepted.GroupBy(m => m.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int transitions = 0, duplicates = 0, losses = 0, skipped = 0;

        foreach (var (taskId, final) in finalStatuses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var messages = byTask.GetValueOrDefault(taskId) ?? [];
            var seen = observations.GetValueOrDefault(taskId) ?? [];
            foreach (var same in messages.GroupBy(m => m.Version).Where(g => g.Select(m => m.Body).Distinct(StringComparer.Ordinal).Count() > 1))
            {
                violations.Add($"{taskId}: version {same.Key} was published with different content");
            }

            // The logical sequence: each version at its first arrival.
            List<DeliveredMessage> sequence = [];
            foreach (var message in messages)
            {
                if (sequence.Any(m => m.Version == message.Version))
                {
                    // On a FIFO topic only a republish five minutes or more after the first gets here (see Deliver):
                    // a limit of SNS deduplication, counted and checked against the publishes that were not cleared.
                    duplicates++;
                }
                else
                {
                    sequence.Add(message);
                }
            }

            transitions += sequence.Count;
            for (var i = 0; i < sequence.Count; i++)
            {
                var message = sequence[i];
                if (message.Version != i + 1)
                {
                    losses++;
                    violations.Add($"{taskId}: notification #{i + 1} has version {message.Version} ({message.Status}): a version is missing or out of order ({Describe(sequence)})");
                    break;
                }

                var expectedPrevious = i == 0 ? null : sequence[i - 1].Status;
                if (!string.Equals(message.PreviousStatus, expectedPrevious, StringComparison.Ordinal))
                {
                    violations.Add($"{taskId}: version {message.Version} says previous status {message.PreviousStatus ?? "(none)"}, the last notified was {expectedPrevious ?? "(none)"}");
                }
            }

            var read = Collapse(seen.Select(o => o.Status));
            if (!IsSubsequence(sequence.Select(m => m.Status).ToList(), read))
            {
                violations.Add($"{taskId}: notified {Describe(sequence)} is not in the order read [{string.Join(", ", read)}]");
            }

            var notified = sequence.Select(m => m.Status).ToHashSet(StringComparer.Ordinal);
            foreach (var missing in seen.Where(o => !notified.Contains(o.Status)).GroupBy(o => o.Status, StringComparer.Ordinal))
            {
                if (missing.All(o => ledger.WasClaimDisrupted(o.Cycle, taskId)))
                {
                    // Every read of it lost its claim to a crash or a store error before the claim was stored, and
                    // the task had moved on by the next read: nothing promised it. Counted, not a loss.
                    skipped++;
                }
                else
                {
                    losses++;
                    var cycles = string.Join(", ", missing.Where(o => !ledger.WasClaimDisrupted(o.Cycle, taskId)).Select(o => o.Cycle));
                    violations.Add($"{taskId}: {missing.Key} was read in cycle(s) {cycles} with an undisturbed claim but never published");
                }
            }

            if (sequence.Count == 0 || sequence[^1].Status != final)
            {
                losses++;
                violations.Add($"{taskId}: the service ends at {final} but the last notification is {(sequence.Count == 0 ? "none" : sequence[^1].Status)}");
            }
        }

        var historyPublished = 0;
        foreach (var (taskId, messages) in byTask.Where(p => finishedBefore.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            historyPublished += messages.Count;
            violations.Add($"{taskId}: finished before its graph was followed, yet published as {Describe(messages)}");
        }

        foreach (var unknown in byTask.Keys.Where(id => !finalStatuses.ContainsKey(id) && !finishedBefore.Contains(id)))
        {
            violations.Add($"{unknown}: notified but never tracked");
        }

        if (duplicates > ledger.ClearFailures)
        {
            violations.Add($"{duplicates} duplicates reached subscribers, but only {ledger.ClearFailures} notifications were published and not cleared");
        }

        if (fifo && duplicates != pastWindow)
        {
            violations.Add($"{duplicates} duplicates reached FIFO subscribers but only {pastWindow} came after the deduplication interval");
        }

        return new OracleVerdict(transitions, accepted.Count, duplicates, suppressed, pastWindow, losses, skipped, violations)
        {
            FifoRepublishMinutes = gaps,
            HistoryPublished = historyPublished,
        };
    }

    private static (List<DeliveredMessage> Accepted, int Suppressed, int PastWindow) Deliver(IReadOnlyList<DeliveredMessage> delivered, bool fifo, List<string> violations, List<double> gaps)
    {
        if (!fifo)
        {
            return ([.. delivered], 0, 0);
        }

        List<DeliveredMessage> accepted = [];
        Dictionary<string, DateTimeOffset> window = new(StringComparer.Ordinal);
        int suppressed = 0, pastWindow = 0;
        foreach (var message in delivered)
        {
            if (message.DeduplicationId is not { } id)
            {
                violations.Add($"{message.TaskId}: version {message.Version} was sent to the FIFO topic without a MessageDeduplicationId");
                accepted.Add(message);
                continue;
            }

            if (window.TryGetValue(id, out var first))
            {
                if (message.At - first < FifoDeduplicationInterval)
                {
                    suppressed++;
                    continue;
                }

                pastWindow++;
                gaps.Add(Math.Round((message.At - first).TotalMinutes, 2));
            }

            window[id] = message.At;
            accepted.Add(message);
        }

        return (accepted, suppressed, pastWindow);
    }

    private static List<string> Collapse(IEnumerable<string> statuses)
    {
        List<string> collapsed = [];
        foreach (var status in statuses)
        {
            if (collapsed.Count == 0 || collapsed[^1] != status)
            {
                collapsed.Add(status);
            }
        }

        return collapsed;
    }

    private static bool IsSubsequence(List<string> part, List<string> whole)
    {
        var at = 0;
        foreach (var item in whole)
        {
            if (at < part.Count && part[at] == item)
            {
                at++;
            }
        }

        return at == part.Count;
    }

    private static string Describe(List<DeliveredMessage> sequence) =>
        "[" + string.Join(", ", sequence.Select(m => $"v{m.Version} {m.Status}")) + "]";
}
