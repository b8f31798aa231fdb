using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core.Notifications;

/// <summary>What the notification content depends on besides the transition itself.</summary>
/// <param name="Region">The AWS Region of the graphs, for console links (for example <c>us-east-1</c>).</param>
/// <param name="IndentedJson">True to write the chat payload and the machine event indented, for people to read (files); channels send them compact.</param>
public sealed partial record NotificationOptions(string Region, bool IndentedJson = false)
{
    /// <summary>Returns every problem with these options, each naming the option; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() =>
        Region is not null && RegionPattern().IsMatch(Region)
            ? []
            : [$"{nameof(Region)}: '{Region}' is not an AWS Region name such as us-east-1."];

    [GeneratedRegex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
