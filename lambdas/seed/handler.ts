import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { DirectoryRepository } from '#domain/repositories.ts';
import { seedDirectory } from '#domain/seed.ts';
import type { BaseDeps } from '#shared/deps.ts';
import { awsStore } from '#shared/dynamo.ts';
import { InvalidEventError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { ConfigError, parseConfig } from '../../config/load.ts';

interface SeedResult {
  PhysicalResourceId: string;
  Data?: Record<string, string>;
}

/** Where the stack put the config: an S3 asset, so the custom resource's properties carry no names or numbers. */
export interface ConfigLocation {
  bucket: string;
  key: string;
}

/**
 * What CloudFormation sends (through the Provider framework, which logs the whole request: hence only the
 * asset's location and hash, never the config itself). Lengths are limited at the edge.
 */
const seedEvent = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  LogicalResourceId: z.string().check(z.minLength(1), z.maxLength(256)),
  PhysicalResourceId: z.optional(z.string().check(z.maxLength(1024))),
  ResourceProperties: z.object({
    ConfigBucket: z.string().check(z.minLength(3), z.maxLength(63)),
    ConfigKey: z.string().check(z.minLength(1), z.maxLength(1024)),
    ConfigHash: z.optional(z.string().check(z.maxLength(128))),
  }),
});

/**
 * CloudFormation custom resource (Provider framework): writes switchboard.yaml's roster, holidays and FAQ
 * to the directory table on create and on every config change. The config is read from its S3 asset
 * (`ConfigBucket`/`ConfigKey`); nothing of it is logged but counts. It never touches the records table,
 * so tickets survive. On delete it does nothing: the table is retained.
 * Throws InvalidEventError for a request that is not ours, ConfigError (by path, in plain words) for a
 * config that does not validate: CloudFormation shows the message as the failure reason.
 */
export interface SeedHandlerDeps extends Omit<BaseDeps, 'clock'> {
  directory: DirectoryRepository;
  /** The config asset's text (JSON). */
  readConfig(location: ConfigLocation): Promise<string>;
}

export function createHandler(deps: SeedHandlerDeps) {
  const logger = deps.logger;
  return middy<unknown, SeedResult>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .handler(async (raw) => {
      if ((raw as { RequestType?: unknown } | null)?.RequestType === 'Delete') {
        const id = (raw as { PhysicalResourceId?: unknown }).PhysicalResourceId;
        if (typeof id !== 'string' || id.length === 0 || id.length > 1024)
          throw new InvalidEventError('a Delete request needs its PhysicalResourceId');
        return { PhysicalResourceId: id };
      }
      const parsed = z.safeParse(seedEvent, raw);
      if (!parsed.success)
        throw new InvalidEventError(
          'not a Custom::SwitchboardSeed request (RequestType, LogicalResourceId and ResourceProperties.ConfigBucket/ConfigKey)',
          parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`),
        );
      const event = parsed.data;
      const id =
        event.RequestType === 'Create'
          ? `switchboard-seed-${event.LogicalResourceId}`
          : (event.PhysicalResourceId ?? `switchboard-seed-${event.LogicalResourceId}`);
      const file = 'switchboard.yaml (deployed)';
      const text = await deps.readConfig({
        bucket: event.ResourceProperties.ConfigBucket,
        key: event.ResourceProperties.ConfigKey,
      });
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new ConfigError(file, [
          { path: '', message: 'the config asset is not JSON; deploy again (cdk deploy writes it)' },
        ]);
      }
      const config = parseConfig(data, file);
      await seedDirectory(deps.directory, config);
      logger.info('seeded', {
        shifts: config.shifts.length,
        holidays: config.holidays.length,
        faq: config.faq.length,
      });
      return {
        PhysicalResourceId: id,
        Data: { Shifts: String(config.shifts.length), Faq: String(config.faq.length) },
      };
    });
}

/** The config asset is not where the request says (a deploy that did not upload its assets). */
export class AssetNotFoundError extends Error {
  constructor(bucket: string, key: string) {
    super(
      `the config asset s3://${bucket}/${key.slice(0, 200)} does not exist; deploy again (cdk deploy uploads it)`,
    );
    this.name = 'AssetNotFoundError';
  }
}

/** Reads the config asset from S3. @throws AssetNotFoundError when it is missing or empty */
export function s3ConfigReader(s3: S3Client): SeedHandlerDeps['readConfig'] {
  return async ({ bucket, key }) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })).catch((err: unknown) => {
      if ((err as { name?: string }).name === 'NoSuchKey') throw new AssetNotFoundError(bucket, key);
      throw err;
    });
    if (!out.Body) throw new AssetNotFoundError(bucket, key);
    return out.Body.transformToString('utf-8');
  };
}

/** In AWS: the directory table and the config asset in S3. */
export function awsDeps(): SeedHandlerDeps {
  const store = awsStore();
  return {
    directory: new DirectoryRepository(store.doc, store.tables),
    readConfig: s3ConfigReader(new S3Client({})),
    logger,
  };
}

export const handler = createHandler(awsDeps());
