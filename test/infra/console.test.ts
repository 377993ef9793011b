import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { enConfig } from '../helpers.ts';
import { synthStack } from './helpers.ts';

describe('the console in AWS', () => {
  const { template } = synthStack(enConfig());

  it('puts every API route behind the Cognito JWT authorizer', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    expect(Object.keys(routes).length).toBeGreaterThanOrEqual(5);
    for (const r of Object.values(routes))
      expect(r.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('has a user pool with managers and agents, no self sign-up, and MFA', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['agents', 'managers']);
  });

  it('serves the pages from a private bucket through CloudFront with OAC, HTTPS and security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' })],
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.objectLike({ Override: true }),
        }),
      }),
    });
  });

  it('registers the console as an approved origin of the Connect instance and outputs ConsoleUrl', () => {
    template.resourceCountIs('AWS::Connect::ApprovedOrigin', 1);
    template.hasOutput('ConsoleUrl', {});
  });

  it('lets the API write only the overrides item of the directory table', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p).includes('dynamodb:LeadingKeys'),
    );
    expect(policies).toHaveLength(1);
    const statements = (
      policies[0]!.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>
    ).filter(
      (s) => JSON.stringify(s.Action).includes('PutItem') && JSON.stringify(s.Resource).includes('Directory'),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['OVERRIDES'] },
    });
  });
});
