import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enConfig, ROOT, zhConfig } from '../helpers.ts';
import { validateTemplate } from './cfn-schema.ts';
import { synthStack } from './helpers.ts';

const SCHEMAS = resolve(ROOT, '..', 'shared', 'cfn-schemas');
const available = existsSync(SCHEMAS);

describe.skipIf(!available)('synthesized templates against the CloudFormation registry schemas', () => {
  it.each([
    ['en-US', enConfig],
    ['zh-CN', zhConfig],
  ])('every resource of the %s stack is valid for CloudFormation', (_l, config) => {
    const template = synthStack(config()).template.toJSON() as {
      Resources: Record<string, { Type: string; Properties?: unknown }>;
    };
    const { problems, unchecked, checked } = validateTemplate(template, SCHEMAS);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    // Only custom resources and CDK metadata have no registry schema, and (until their schemas are added
    // to shared/cfn-schemas) the console's Cognito, HTTP API and CloudFront resources.
    const consoleServices = ['AWS::Cognito::', 'AWS::ApiGatewayV2::', 'AWS::CloudFront::'];
    expect(
      unchecked.filter(
        (t) =>
          !t.startsWith('Custom::') &&
          t !== 'AWS::CDK::Metadata' &&
          t !== 'AWS::CloudFormation::CustomResource' &&
          !consoleServices.some((s) => t.startsWith(s)),
      ),
    ).toEqual([]);
  });

  it('catches an unknown property, a wrong type, a missing required property and a value outside an enum', () => {
    const bad = {
      Resources: {
        Flow: {
          Type: 'AWS::Connect::ContactFlow',
          Properties: {
            InstanceArn: { Ref: 'I' },
            Name: 'x',
            Content: '{}',
            Type: 'NOT_A_TYPE',
            Colour: 'red',
          },
        },
        Queue: {
          Type: 'AWS::Connect::Queue',
          Properties: { InstanceArn: { 'Fn::GetAtt': ['I', 'Arn'] }, Name: 'q' },
        },
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            PointInTimeRecoverySpecification: 'yes',
          },
        },
      },
    };
    const messages = validateTemplate(bad, SCHEMAS).problems.map((p) => `${p.resource}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Flow: Properties: unknown property Colour',
        expect.stringMatching(/^Flow: Properties\.Type: "NOT_A_TYPE" is not one of/),
        'Queue: Properties: missing required property HoursOfOperationArn',
        'Table: Properties.PointInTimeRecoverySpecification: expected object, got string',
      ]),
    );
  });

  it('accepts intrinsic functions wherever a value stands', () => {
    const ok = {
      Resources: {
        Flow: {
          Type: 'AWS::Connect::ContactFlow',
          Properties: {
            InstanceArn: { Ref: 'I' },
            Name: { 'Fn::Join': ['', ['a', 'b']] },
            Content: { 'Fn::Sub': '{}' },
            Type: 'CONTACT_FLOW',
          },
        },
      },
    };
    expect(validateTemplate(ok, SCHEMAS).problems).toEqual([]);
  });
});
