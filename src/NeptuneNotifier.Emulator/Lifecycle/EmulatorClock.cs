namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>The injected clock plus an offset the control API can push forward, so node tests can move time too.</summary>
internal sealed class EmulatorClock(TimeProvider timeProvider)
{
    private long offsetTicks;

    public DateTimeOffset Now => timeProvider.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public TimeProvider TimeProvider => timeProvider;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The emulator clock only moves forward.");
        }

        Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
