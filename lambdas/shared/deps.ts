import type { Logger } from '@aws-lambda-powertools/logger';

/**
 * What every handler is given, besides its own collaborators: the time (the system clock in Lambda, a
 * simulated clock in the local engine) and a logger (Powertools in Lambda; silent or captured locally).
 */
export interface BaseDeps {
  /** Now, as an instant (UTC). */
  clock(): Date;
  logger: Logger;
}

export const systemClock = (): Date => new Date();
