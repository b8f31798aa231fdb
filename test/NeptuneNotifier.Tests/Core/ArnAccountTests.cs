namespace NeptuneNotifier.Tests.Core;

// The account for the events' resource ARNs is read from an ARN the notifier was given, never guessed.
public sealed class ArnAccountTests
{
    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:notifier", "123456789012")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:210987654321:function:notifier:live", "210987654321")]
    [InlineData("arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/central", "123456789012")]
    [InlineData("arn:aws:sns:us-east-1:123456789012:alerts.fifo", "123456789012")]
    public void Of_ArnWithAnAccount_IsThatAccount(string arn, string expected) => ArnAccount.Of(arn).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("default")]
    [InlineData("central-bus")]
    [InlineData("arn:aws:s3:::my-bucket")]
    [InlineData("arn:aws:events:us-east-1:12345678901:event-bus/short-account")]
    [InlineData("arn:aws:events:us-east-1:1234567890123:event-bus/long-account")]
    [InlineData("arn:AWS:events:us-east-1:123456789012:event-bus/upper-partition")]
    [InlineData("urn:aws:events:us-east-1:123456789012:event-bus/not-an-arn")]
    [InlineData("arn:aws:events:us-east-1:123456789012")]
    public void Of_NoAccountNamed_IsNull(string? text) => ArnAccount.Of(text).ShouldBeNull();
}
