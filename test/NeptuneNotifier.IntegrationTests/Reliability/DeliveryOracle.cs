namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>What the oracle found on one channel: counts, the broken promises being in <see cref="OracleVerdict.Violations"/>.</summary>
internal sealed record ChannelVerdict(
    string Channel,
    int Transitions,
    int MessagesAccepted,
    int DuplicatesDelivered,
    int SuppressedByFifoDeduplication,
    int DuplicatesPastFifoWindow,
    int Losses,
    int IntermediateStatusesSkipped,
    int HistoryPublished,
    IReadOnlyList<double> FifoRepublishMinutes);

/// <summary>What the oracle found: each channel's figures (the counts here are their sums), and every broken promise spelled out.</summary>
internal sealed record OracleVerdict(IReadOnlyDictionary<string, ChannelVerdict> Channels, IReadOnlyList<string> Violations)
{
    public int Transitions => Channels.Values.Sum(c => c.Transitions);

    public int MessagesAccepted => Channels.Values.Sum(c => c.MessagesAccepted);

    public int DuplicatesDelivered => Channels.Values.Sum(c => c.DuplicatesDelivered);

    public int SuppressedByFifoDeduplication => Channels.Values.Sum(c => c.SuppressedByFifoDeduplication);

    public int DuplicatesPastFifoWindow => Channels.Values.Sum(c => c.DuplicatesPastFifoWindow);

    public int Losses => Channels.Values.Sum(c => c.Losses);

    public int IntermediateStatusesSkipped => Channels.Values.Sum(c => c.IntermediateStatusesSkipped);

    /// <summary>Notifications delivered for exports that had finished before their graph was followed (must be 0).</summary>
    public int HistoryPublished => Channels.Values.Sum(c => c.HistoryPublished);

    /// <summary>For each FIFO duplicate, minutes between the first accepted publish and the republish.</summary>
    public IReadOnlyList<double> FifoRepublishMinutes => [.. Channels.Values.SelectMany(c => c.FifoRepublishMinutes)];
}

/// <summary>
/// Judges a run against the promise, on each channel separately: every status a poll read that differs from the last
/// notified one is delivered, in order per task, with no version missing; a duplicate on a channel is only the
/// repeat of a delivery on that same channel that was never confirmed (a crash, a store error or a lost answer between
/// the channel taking it and the write recording it), so no channel repeats because another failed; on a FIFO topic
/// only a repeat five minutes or more after the first reaches subscribers, when SNS no longer deduplicates it.
/// </summary>
internal static class DeliveryOracle
{
    /// <summary>SNS FIFO drops a message whose deduplication id it accepted within the last five minutes.</summary>
    public static readonly TimeSpan FifoDeduplicationInterval = TimeSpan.FromMinutes(5);

    /// <param name="ledger">What the run recorded.</param>
    /// <param name="finalStatuses">Each tracked task's status at the end of the run, as the service reports it (GONE when deleted).</param>
    /// <param name="fifo">True when the topic is FIFO (the SNS channel deduplicates; a bus does not).</param>
    /// <param name="history">Exports that finished before their graph was followed: none of them may ever be delivered.</param>
    public static OracleVerdict Judge(RunLedger ledger, IReadOnlyDictionary<string, string> finalStatuses, bool fifo, IReadOnlyCollection<string>? history = null)
    {
        var finishedBefore = (history ?? []).ToHashSet(StringComparer.Ordinal);
        var observations = ledger.Observations.GroupBy(o => o.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var delivered = ledger.Delivered;
        List<string> violations = [];
        Dictionary<string, ChannelVerdict> channels = new(StringComparer.Ordinal);
        foreach (var unexpected in delivered.Select(m => m.Channel).Distinct(StringComparer.Ordinal).Except(ledger.Channels, StringComparer.Ordinal))
        {
            violations.Add($"{unexpected}: delivered to, but not a channel of the run");
        }

        foreach (var channel in ledger.Channels)
        {
            var onChannel = delivered.Where(m => m.Channel == channel).ToList();
            List<string> found = [];
            channels[channel] = JudgeChannel(channel, onChannel, ledger, observations, finalStatuses, fifo && channel == NeptuneNotifier.Core.DeliveryChannel.Sns, finishedBefore, found);
            violations.AddRange(found.Select(v => $"{channel}: {v}"));
        }

        return new OracleVerdict(channels, violations);
    }

    private static ChannelVerdict JudgeChannel(
        string channel,
        List<DeliveredMessage> delivered,
        RunLedger ledger,
        Dictionary<string, List<Observation>> observations,
        IReadOnlyDictionary<string, string> finalStatuses,
        bool deduplicates,
        HashSet<string> finishedBefore,
        List<string> violations)
    {
        List<double> gaps = [];
        var (accepted, suppressed, pastWindow) = Deliver(delivered, deduplicates, violations, gaps);
        var byTask = accepted.GroupBy(m => m.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int transitions = 0, duplicates = 0, losses = 0, skipped = 0;

        foreach (var (taskId, final) in finalStatuses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var messages = byTask.GetValueOrDefault(taskId) ?? [];
            var seen = observations.GetValueOrDefault(taskId) ?? [];
            foreach (var same in messages.GroupBy(m => m.Version).Where(g => g.Select(m => m.Body).Distinct(StringComparer.Ordinal).Count() > 1))
            {
                violations.Add($"{taskId}: version {same.Key} was delivered with different content");
            }

            // Each repeat must follow a delivery of that version on this channel that was never confirmed.
            foreach (var same in messages.GroupBy(m => m.Version).Where(g => g.Count() > 1))
            {
                var repeats = same.Count() - 1;
                duplicates += repeats;
                var allowed = ledger.UnconfirmedDeliveries(channel, taskId, same.Key);
                if (repeats > allowed)
                {
                    violations.Add($"{taskId}: version {same.Key} ({same.First().Status}) was delivered {repeats + 1} times, but only {allowed} of its deliveries on this channel went unconfirmed");
                }
            }

            // The logical sequence: each version at its first arrival.
            List<DeliveredMessage> sequence = [.. messages.GroupBy(m => m.Version).Select(g => g.First())];
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
                    violations.Add($"{taskId}: {missing.Key} was read in cycle(s) {cycles} with an undisturbed claim but never delivered");
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
            violations.Add($"{taskId}: finished before its graph was followed, yet delivered as {Describe(messages)}");
        }

        foreach (var unknown in byTask.Keys.Where(id => !finalStatuses.ContainsKey(id) && !finishedBefore.Contains(id)))
        {
            violations.Add($"{unknown}: notified but never tracked");
        }

        if (deduplicates && duplicates != pastWindow)
        {
            violations.Add($"{duplicates} duplicates reached FIFO subscribers but only {pastWindow} came after the deduplication interval");
        }

        return new ChannelVerdict(channel, transitions, accepted.Count, duplicates, suppressed, pastWindow, losses, skipped, historyPublished, gaps);
    }

    private static (List<DeliveredMessage> Accepted, int Suppressed, int PastWindow) Deliver(List<DeliveredMessage> delivered, bool fifo, List<string> violations, List<double> gaps)
    {
        if (!fifo)
        {
            return (delivered, 0, 0);
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
