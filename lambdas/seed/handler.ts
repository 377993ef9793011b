import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { DirectoryRepository } from '#domain/repositories.ts';
import { seedDirectory } from '#domain/seed.ts';
import type { BaseDeps } from '#shared/deps.ts';
import { awsStore } from '#shared/dynamo.ts';
import { logger } from '#shared/logger.ts';
import { parseConfig } from '../../config/load.ts';

interface SeedResult {
  PhysicalResourceId: string;
  Data?: Record<string, string>;
}

/**
 * CloudFormation custom resource (Provider framework): writes switchboard.yaml's roster, holidays and FAQ
 * to the directory table on create and on every config change. It never touches the records table, so
 * tickets survive. On delete it does nothing: the table is retained.
 */
export interface SeedHandlerDeps extends Omit<BaseDeps, 'clock'> {
  directory: DirectoryRepository;
}

export function createHandler(deps: SeedHandlerDeps) {
  const logger = deps.logger;
  return middy<CloudFormationCustomResourceEvent, SeedResult>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .handler(async (event) => {
      const id =
        event.RequestType === 'Create'
          ? `switchboard-seed-${event.LogicalResourceId}`
          : event.PhysicalResourceId;
      if (event.RequestType === 'Delete') return { PhysicalResourceId: id };
      const raw = (event.ResourceProperties as unknown as { Config?: string }).Config;
      if (!raw) throw new Error('the seed resource needs a Config property (the config as JSON)');
      const config = parseConfig(JSON.parse(raw), 'switchboard.yaml (deployed)');
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

/** In AWS: the directory table only. */
export function awsDeps(): SeedHandlerDeps {
  const store = awsStore();
  return { directory: new DirectoryRepository(store.doc, store.tables), logger };
}

export const handler = createHandler(awsDeps());
