using System.Collections.Immutable;

namespace NeptuneNotifier.Core;

/// <summary>
/// The channels that have confirmed delivery of one pending notification, each with the id the channel gave that
/// delivery (for SNS the message id). A value: two sets with the same channels and ids are equal, whatever order they
/// were recorded in.
/// </summary>
/// <remarks>
/// A cycle that takes a notification over delivers only to the channels not in here, so one channel's outage never
/// repeats a delivery on another. Names are whatever the stored claim holds: a channel no longer configured (a bus
/// removed in a redeploy) stays listed and is ignored.
/// </remarks>
public sealed class DeliveredChannels : IEquatable<DeliveredChannels>
{
    private readonly ImmutableSortedDictionary<string, string> byChannel;

    private DeliveredChannels(ImmutableSortedDictionary<string, string> byChannel) => this.byChannel = byChannel;

    /// <summary>No channel has confirmed: a fresh claim, or a claim stored before deliveries were recorded per channel.</summary>
    public static DeliveredChannels None { get; } = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>How many channels have confirmed.</summary>
    public int Count => byChannel.Count;

    /// <summary>Each confirmed channel with its delivery id, in ordinal order of the channel names.</summary>
    public IEnumerable<KeyValuePair<string, string>> Deliveries => byChannel;

    /// <summary>True when <paramref name="channel"/> has confirmed.</summary>
    public bool Contains(string channel) => byChannel.ContainsKey(channel);

    /// <summary>These deliveries and <paramref name="channel"/>'s, as <paramref name="deliveryId"/> (replacing an earlier id of the same channel).</summary>
    public DeliveredChannels With(string channel, string deliveryId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(deliveryId);
        return new(byChannel.SetItem(channel, deliveryId));
    }

    public bool Equals(DeliveredChannels? other) =>
        other is not null && other.byChannel.Count == byChannel.Count
        && byChannel.All(entry => other.byChannel.TryGetValue(entry.Key, out var id) && string.Equals(id, entry.Value, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as DeliveredChannels);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (channel, id) in byChannel)
        {
            hash.Add(channel, StringComparer.Ordinal);
            hash.Add(id, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => byChannel.Count == 0 ? "none" : string.Join(", ", byChannel.Select(entry => $"{entry.Key}:{entry.Value}"));
}
