import { CfnResource, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/**
 * Gives every Lambda function in `scope` that has no log group of its own (CDK's framework functions:
 * the custom resource provider, AwsCustomResource, the S3 notifications handler) one with retention.
 * Without it Lambda creates `/aws/lambda/<name>` on first use, which never expires. Call it once, after
 * every construct of the stack exists. Our own functions (SwitchboardFunction) already have one.
 */
export function retainFunctionLogs(
  scope: IConstruct,
  retention: logs.RetentionDays = logs.RetentionDays.ONE_WEEK,
): logs.LogGroup[] {
  const created: logs.LogGroup[] = [];
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== 'AWS::Lambda::Function') continue;
    if (node instanceof lambda.CfnFunction && node.loggingConfig !== undefined) continue;
    const parent = node.node.scope!;
    const group = new logs.LogGroup(parent, `${node.node.id}Logs`, {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (node instanceof lambda.CfnFunction) node.loggingConfig = { logGroup: group.logGroupName };
    else node.addPropertyOverride('LoggingConfig', { LogGroup: group.logGroupName });
    created.push(group);
  }
  return created;
}
