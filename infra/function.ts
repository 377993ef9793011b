import { resolve } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLE, phoneMetadataAlias } from './bundling.ts';

export const ROOT = resolve(import.meta.dirname, '..');

export interface SwitchboardFunctionProps {
  /** Folder under lambdas/ holding handler.ts. */
  readonly name: string;
  readonly description: string;
  /** Default: 3 s, within the flows' InvocationTimeLimitSeconds. */
  readonly timeout?: Duration;
  /** Default: 512 MB (more memory is more CPU on Lambda). */
  readonly memorySize?: number;
  /** Merged with the defaults, never replacing them. */
  readonly environment?: Record<string, string>;
  /** Log retention. Default: three months. */
  readonly logRetention?: logs.RetentionDays;
  /** Tests pass inline code to skip bundling; normally the handler is bundled by esbuild. */
  readonly code?: lambda.Code;
  /**
   * Bundle only these countries' phone numbering rules (infra/phone-metadata.ts) instead of every
   * country's (150 KB): for call-path functions, whose bundle size is cold-start time while a caller
   * waits. Default: every country.
   */
  readonly phoneCountries?: readonly string[];
}

/**
 * One Lambda function with the project's defaults: the current Node runtime (24) on ARM64, bundled by
 * esbuild (no Docker), minified with source maps, its own log group with retention, and its own role
 * with permission to write only to that log group (no managed policies).
 */
export class SwitchboardFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: SwitchboardFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout ?? Duration.seconds(3);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `switchboard ${props.name}: least privilege, granted by the stack`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const environment = {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'switchboard',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ...props.environment,
    };
    const common = {
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: this.timeout,
      memorySize: props.memorySize ?? 512,
      role: this.role,
      logGroup: this.logGroup,
      environment,
    };
    this.function = props.code
      ? new lambda.Function(this, 'Function', { ...common, code: props.code, handler: 'index.handler' })
      : new NodejsFunction(this, 'Function', {
          ...common,
          entry: resolve(ROOT, 'lambdas', props.name, 'handler.ts'),
          handler: 'handler',
          projectRoot: ROOT,
          depsLockFilePath: resolve(ROOT, 'package-lock.json'),
          bundling: {
            minify: true,
            sourceMap: true,
            target: BUNDLE.target,
            format: OutputFormat.ESM,
            mainFields: [...BUNDLE.mainFields],
            banner: BUNDLE.banner,
            externalModules: [...BUNDLE.external],
            ...(props.phoneCountries
              ? {
                  esbuildArgs: {
                    '--alias': Object.entries(phoneMetadataAlias(props.phoneCountries)).map(
                      ([from, to]) => `${from}=${to}`,
                    ),
                  },
                }
              : {}),
          },
        });
  }

  /** Adds environment variables after creation (for values known only once other constructs exist). */
  addEnvironment(key: string, value: string): void {
    this.function.addEnvironment(key, value);
  }
}
