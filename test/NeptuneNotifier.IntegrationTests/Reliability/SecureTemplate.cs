using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// A small template that keeps every security rule: the function's least privilege, encryption of the table, topic and
/// key, a locked-down log bucket. The security tests break it one rule at a time.
/// </summary>
internal static class SecureTemplate
{
    public const string Text = """
        Resources:
          StateTable:
            Type: AWS::DynamoDB::Table
            Properties:
              SSESpecification:
                SSEEnabled: true
          NotificationKey:
            Type: AWS::KMS::Key
            Properties:
              EnableKeyRotation: true
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"
                    Action: "kms:*"
                    Resource: "*"
          NotificationTopic:
            Type: AWS::SNS::Topic
            Properties:
              KmsMasterKeyId: !Ref NotificationKey
          NotifierFunction:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  TABLE_NAME: !Ref StateTable
              Policies:
                - AWSLambdaBasicExecutionRole
                - DynamoDBCrudPolicy:
                    TableName: !Ref StateTable
                - Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: sns:Publish
                      Resource: !Ref NotificationTopic
                    - Effect: Allow
                      Action: [kms:GenerateDataKey, kms:Decrypt]
                      Resource: !GetAtt NotificationKey.Arn
                    - Effect: Allow
                      Action: [neptune-graph:GetExportTask, neptune-graph:ListExportTasks]
                      Resource: !Sub "arn:${AWS::Partition}:neptune-graph:${AWS::Region}:${AWS::AccountId}:*"
                    - Effect: Allow
                      Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]
                      Resource: "*"
          LogBucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault:
                      SSEAlgorithm: AES256
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: true
              OwnershipControls:
                Rules:
                  - ObjectOwnership: BucketOwnerEnforced
          LogBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref LogBucket
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: "s3:*"
                    Resource: [!GetAtt LogBucket.Arn, !Sub "${LogBucket.Arn}/*"]
                    Condition:
                      Bool:
                        aws:SecureTransport: "false"
                  - Effect: Allow
                    Principal:
                      Service: cloudtrail.amazonaws.com
                    Action: s3:PutObject
                    Resource: !Sub "${LogBucket.Arn}/AWSLogs/${AWS::AccountId}/*"
        """;

    /// <summary>The template with <paramref name="secure"/> replaced by <paramref name="broken"/>, which must be there: a replacement that missed would test the secure template.</summary>
    public static YamlMappingNode Breaking(string secure, string broken)
    {
        Text.ShouldContain(secure);
        return Parse(Text.Replace(secure, broken, StringComparison.Ordinal));
    }

    public static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
