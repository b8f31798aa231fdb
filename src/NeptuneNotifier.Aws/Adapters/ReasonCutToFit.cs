using NeptuneNotifier.Core.Notifications;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>
/// Fits a channel's request to the channel's size limit by cutting the status reason and an import's error details, the
/// parts of a notification without a bound: the full rendering when it fits, else the longest cut that fits.
/// </summary>
internal static class ReasonCutToFit
{
    /// <summary>
    /// The request <paramref name="build"/> makes of <paramref name="notification"/> rendered in full when
    /// <paramref name="fits"/> accepts it; otherwise of the rendering with the longest reason that fits (or with no
    /// reason at all when none does). Pure, like the renderer: the same notification always gives the same request.
    /// </summary>
    public static T Build<T>(NotificationRenderer renderer, PendingNotification notification, Func<RenderedNotification, T> build, Func<T, bool> fits)
    {
        var request = build(renderer.Render(notification));
        if (fits(request))
        {
            return request;
        }

        // Binary search for the longest reason (and import error details, cut to the same length) that fits: rare (only
        // for pathological texts) and a few dozen renderings at most. The longer of the two bounds the search.
        var (low, high) = (0, Math.Max(notification.Snapshot.StatusReason?.Length ?? 0, notification.Snapshot.ErrorDetails?.Length ?? 0));
        var best = build(renderer.Render(notification, 0));
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = build(renderer.Render(notification, middle));
            if (fits(candidate))
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best;
    }
}
