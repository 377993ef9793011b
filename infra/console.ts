import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  Aws,
  type CfnElement,
  CfnOutput,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { kpiConfigOf } from '../lambdas/domain/kpi-config.ts';
import type { SwitchboardData } from './data.ts';
import { ROOT, SwitchboardFunction } from './function.ts';
import { RECORDINGS_PREFIX } from './recordings.ts';

export interface ConsoleProps {
  readonly config: SwitchboardConfig;
  readonly data: SwitchboardData;
  /** The Connect instance whose approved origins get the console's domain (the agent view embeds the CCP). */
  readonly instanceArn: string;
  /** Recordings the ticket and QA pages play (presigned GETs under the Connect prefix only). */
  readonly recordings: { bucket: s3.IBucket; key: kms.IKey };
  /** Tests pass inline code to skip esbuild; a deploy always bundles the handler. */
  readonly code?: lambda.Code;
}

const WEB_ROOT = resolve(ROOT, 'web');

/**
 * The console in AWS: the console API (lambdas/console, the same app `switchboard start` serves) in
 * Lambda behind an HTTP API whose routes all need a Cognito JWT (groups `managers` and `agents`; the app
 * checks the group on every route), the pages (web/, built by Vite at synth) in a private S3 bucket
 * behind CloudFront with origin access control, HTTPS only and security headers, `/api/*` routed by
 * the same distribution to the HTTP API (one origin: no CORS), and the console's domain registered as an
 * approved origin of the Connect instance.
 */
export class SwitchboardConsole extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly api: apigw.HttpApi;
  readonly fn: SwitchboardFunction;
  readonly site: s3.Bucket;
  readonly logs: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    const c = props.config;
    const stack = Stack.of(this);
    const connectUrl = `https://${c.deployment.instanceAlias}.my.connect.aws`;

    // --- who may sign in: managers and agents, invited by an administrator, with an authenticator app.
    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: `switchboard-${c.deployment.instanceAlias}-console`,
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [group, description] of [
      ['managers', 'Switchboard managers: everything in the console'],
      ['agents', 'Switchboard agents: tickets, callers, roster (read), the agent view'],
    ] as const)
      new cognito.UserPoolGroup(this, `Group ${group}`, {
        userPool: this.userPool,
        groupName: group,
        description,
      });
    const domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: {
        domainPrefix: `${c.deployment.instanceAlias.toLowerCase()}-console-${Aws.ACCOUNT_ID}`,
      },
    });

    // --- the pages: a private bucket, read by CloudFront only (origin access control).
    this.logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    this.site = new s3.Bucket(this, 'Pages', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'pages/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // --- the API: one function, every route behind the Cognito JWT authorizer.
    this.fn = new SwitchboardFunction(this, 'Api', {
      name: 'console',
      description: 'The console API: tickets, callers, roster overrides, KPIs, QA (managers and agents)',
      timeout: Duration.seconds(10),
      environment: {
        ...props.data.environment(),
        RECORDINGS_BUCKET: props.recordings.bucket.bucketName,
        // The KPI page computes what the weekly report does, from the same slice of the config.
        REPORT_CONFIG: JSON.stringify(kpiConfigOf(c)),
      },
      ...(props.code ? { code: props.code } : {}),
    });
    const role = this.fn.role;
    props.data.grant(role, props.data.directory, 'read');
    // Records: tickets (read, write), QA reviews (write), and for the KPI, QA and Assistant pages the
    // contact records, surveys, transcripts and missed questions (Query on contactsByMonth,
    // ticketsByMonth, openByDue; BatchGetItem of SURVEY/TRANSCRIPT items): the grant covers the table and
    // its indexes, nothing else.
    props.data.grant(role, props.data.records, 'readwrite');
    // Of the directory it writes only the overrides item: the roster, holidays and FAQ stay the config's.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [props.data.directory.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['OVERRIDES'] } },
      }),
    );
    // Recordings are played through presigned URLs signed with this role: it may read them, nothing else.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.recordings.bucket.arnForObjects(`${RECORDINGS_PREFIX}/*`)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [props.recordings.key.keyArn] }),
    );

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigw.HttpApi(this, 'Http', {
      apiName: `switchboard-${c.deployment.instanceAlias}-console`,
      description: 'Switchboard console API (Cognito JWT on every route)',
      createDefaultStage: false,
    });
    new apigw.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // No caller data in the access log: no query strings, no bodies.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            user: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    // --- CloudFront: pages from S3, /api/* to the HTTP API, HTTPS only, security headers.
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Switchboard console: HSTS, no sniffing, no framing, CSP',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            // Preact sets element styles (chart sizes); no inline scripts.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            `media-src 'self' https://${props.recordings.bucket.bucketRegionalDomainName}`,
            `connect-src 'self' https://${domain.domainName}.auth.${stack.region}.amazoncognito.com ${connectUrl}`,
            `frame-src ${connectUrl}`,
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
          ].join('; '),
        },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: `Switchboard console (${c.deployment.instanceAlias})`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cdn/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.site),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(`${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    this.client = this.userPool.addClient('Console', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${this.url}/`],
        logoutUrls: [`${this.url}/`],
      },
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(1),
    });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', this.userPool, {
      userPoolClients: [this.client],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('Console', this.fn.function);
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [
        apigw.HttpMethod.GET,
        apigw.HttpMethod.POST,
        apigw.HttpMethod.PATCH,
        apigw.HttpMethod.PUT,
        apigw.HttpMethod.DELETE,
      ],
      integration,
      authorizer,
    });

    // --- the pages, built by Vite at synth (skipped when a test turns bundling off), and their settings.
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.site,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
      sources: [
        s3deploy.Source.asset(WEB_ROOT, {
          exclude: ['dist', 'node_modules'],
          bundling: {
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
            local: {
              tryBundle(outputDir: string) {
                execFileSync(
                  process.execPath,
                  [
                    resolve(ROOT, 'node_modules/vite/bin/vite.js'),
                    'build',
                    '--config',
                    resolve(WEB_ROOT, 'vite.config.ts'),
                    '--outDir',
                    outputDir,
                    '--emptyOutDir',
                    '--logLevel',
                    'warn',
                  ],
                  { cwd: WEB_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
                );
                return true;
              },
            },
          },
        }),
        s3deploy.Source.jsonData('config.json', {
          cognitoDomain: `https://${domain.domainName}.auth.${stack.region}.amazoncognito.com`,
          clientId: this.client.userPoolClientId,
          region: stack.region,
          connectUrl,
        }),
      ],
    });

    // The agent view embeds the Connect softphone (amazon-connect-streams): Connect must trust this origin.
    new connect.CfnApprovedOrigin(this, 'ApprovedOrigin', {
      instanceId: props.instanceArn,
      origin: this.url,
    });

    new CfnOutput(this, 'ConsoleUrl', {
      description: 'The console (managers and agents sign in with Cognito)',
      value: this.url,
    }).overrideLogicalId('ConsoleUrl');
    new CfnOutput(this, 'ConsoleUserPoolId', {
      description: 'Add people here, to the managers or agents group',
      value: this.userPool.userPoolId,
    }).overrideLogicalId('ConsoleUserPoolId');
    this.acknowledgeFindings(deployment, props.recordings.bucket);
  }

  /** cdk-nag findings accepted for the console, each on the narrowest construct, with its reason. */
  private acknowledgeFindings(deployment: s3deploy.BucketDeployment, recordings: s3.IBucket): void {
    const stack = Stack.of(this);
    const ack = (scope: IConstruct | undefined, id: string, reason: string) => {
      if (scope) Validations.of(scope).acknowledge({ id, reason });
    };
    const cdn = this.distribution.node.defaultChild as IConstruct;
    ack(
      cdn,
      'AwsSolutions-CFR1',
      'Managers and agents sign in from wherever they work; Cognito with MFA guards access',
    );
    ack(
      cdn,
      'AwsSolutions-CFR2',
      'No WAF by default (a web ACL costs more than a small line); the API needs a Cognito JWT and is throttled',
    );
    ack(
      cdn,
      'AwsSolutions-CFR4',
      'The config has no custom domain, so the distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; viewers are redirected to HTTPS',
    );
    ack(
      this.fn.role,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(recordings.node.defaultChild as CfnElement)}.Arn>/${RECORDINGS_PREFIX}/*]`,
      'Recordings are per-call objects under the fixed prefix Connect writes to; the console presigns GETs for them',
    );
    // CDK's BucketDeployment handler (a singleton at stack level): it copies the built pages into the bucket.
    const framework =
      'CDK BucketDeployment handler: role and runtime come from aws-cdk-lib; it only copies the pages';
    const handler = stack.node.children.find((ch) => ch.node.id.startsWith('Custom::CDKBucketDeployment'));
    ack(handler, 'AwsSolutions-L1', framework);
    ack(
      deployment.handlerRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      framework,
    );
    for (const finding of [
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Resource::*',
      `Resource::<${stack.getLogicalId(this.site.node.defaultChild as CfnElement)}.Arn>/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`,
    ])
      ack(deployment.handlerRole, `AwsSolutions-IAM5[${finding}]`, framework);
  }
}
