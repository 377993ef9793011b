import { Logger } from '@aws-lambda-powertools/logger';

/** The project's one logger in Lambda. Never log a raw Connect event: it carries the caller's number. */
export const logger = new Logger({ serviceName: 'switchboard' });
