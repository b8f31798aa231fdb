namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>The template and the store agree on the table: key, index, TTL attribute, and the settings a production table needs.</summary>
public sealed class TemplateTests
{
    private readonly SamTemplate template = SamTemplate.Load();

    [Fact]
    public void Template_Transform_IsServerless()
    {
        template.Scalar(template.Root, "Transform").ShouldBe("AWS::Serverless-2016-10-31");
        template.Scalar(template.Root, "AWSTemplateFormatVersion").ShouldBe("2010-09-09");
    }

    [Fact]
    public void StateTable_Definition_MatchesTheStoreSchema()
    {
        var request = template.CreateTableRequest(SamTemplate.TableId, "any");

        request.KeySchema.ShouldHaveSingleItem().AttributeName.ShouldBe(StateTableSchema.TaskId);
        request.BillingMode.Value.ShouldBe("PAY_PER_REQUEST");
        var index = request.GlobalSecondaryIndexes.ShouldHaveSingleItem();
        index.IndexName.ShouldBe(StateTableSchema.ActiveIndexName);
        index.KeySchema.ShouldHaveSingleItem().AttributeName.ShouldBe(StateTableSchema.Active);
        index.Projection.ProjectionType.Value.ShouldBe("ALL");
        request.AttributeDefinitions.Select(a => (a.AttributeName, a.AttributeType.Value))
            .ShouldBe([(StateTableSchema.TaskId, "S"), (StateTableSchema.Active, "S")], ignoreOrder: true);
    }

    [Fact]
    public void StateTable_Ttl_UsesTheStoreExpiryAttribute()
    {
        var ttl = SamTemplate.Mapping(template.Properties(SamTemplate.TableId), "TimeToLiveSpecification");

        template.Scalar(ttl, "AttributeName").ShouldBe(StateTableSchema.ExpiresAt);
        template.Scalar(ttl, "Enabled").ShouldBe("true");
    }

    [Fact]
    public void StateTable_Protection_EncryptedWithPointInTimeRecovery()
    {
        var properties = template.Properties(SamTemplate.TableId);

        template.Scalar(SamTemplate.Mapping(properties, "SSESpecification"), "SSEEnabled").ShouldBe("true");
        template.Scalar(SamTemplate.Mapping(properties, "PointInTimeRecoverySpecification"), "PointInTimeRecoveryEnabled").ShouldBe("true");
    }

    [Fact]
    public void Parameters_StateRetentionDays_DefaultsToFourteen() =>
        template.ParameterDefault("StateRetentionDays").ShouldBe("14");
}
