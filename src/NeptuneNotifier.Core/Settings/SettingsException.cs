namespace NeptuneNotifier.Core.Settings;

/// <summary>The configuration is invalid; <see cref="Exception.Message"/> lists every problem, one a line.</summary>
public sealed class SettingsException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    /// <summary>Each problem, naming its variable.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
