namespace NeptuneNotifier.Core.Notifications;

// Links into the AWS Management Console of the Region's partition.
internal static class ConsoleLinks
{
    // The Neptune console's graph list (Neptune Analytics graphs live in the Neptune console).
    public static string NeptuneGraphs(string region)
    {
        var host = region switch
        {
            _ when region.StartsWith("cn-", StringComparison.Ordinal) => "console.amazonaws.cn",
            _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "console.amazonaws-us-gov.com",
            _ => $"{region}.console.aws.amazon.com",
        };
        return $"https://{host}/neptune/home?region={region}#graphs:";
    }
}
