/**
 * What the pages read from the API: the server's own response types (lambdas/console/api-types.ts),
 * imported type-only so nothing of the server is bundled and a shape change there is a type error here.
 */
export type * from '../../lambdas/console/api-types.ts';
export type { CallReportView as CallReport } from '../../lambdas/console/api-types.ts';
