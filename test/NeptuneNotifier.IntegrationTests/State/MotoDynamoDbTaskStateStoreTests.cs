namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// The DynamoDB store keeps the store contract on moto's DynamoDB too, in a table created from template.yaml exactly as
/// on dynalite (<see cref="DynamoDbTaskStateStoreTests"/>): two independent implementations of the same API, so a
/// request only one of them lets through fails here or there.
/// </summary>
public sealed class MotoDynamoDbTaskStateStoreTests(MotoFixture moto) : DynamoDbStoreContract
{
    protected override Task<Uri> EndpointAsync(CancellationToken cancellationToken) => moto.EndpointAsync(cancellationToken);
}
