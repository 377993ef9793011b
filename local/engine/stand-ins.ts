import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LambdaStandIn } from './interpreter.ts';

export class StandInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StandInError';
  }
}

/**
 * Loads `--lambda NAME=FILE` stand-ins for other teams' functions: FILE is a module (.ts, .js, .mjs)
 * exporting `handler(event, context)`, called with the Connect event as Connect would call the real
 * function. Throws StandInError naming the argument when NAME or FILE is missing or has no handler.
 */
export async function loadLambdaStandIns(
  specs: string[] | undefined,
): Promise<Record<string, LambdaStandIn>> {
  const out: Record<string, LambdaStandIn> = {};
  for (const spec of specs ?? []) {
    const eq = spec.indexOf('=');
    const name = spec.slice(0, eq).trim();
    const file = spec.slice(eq + 1).trim();
    if (eq < 1 || !file)
      throw new StandInError(
        `--lambda "${spec}": write NAME=FILE (the function name, a module exporting handler)`,
      );
    let mod: { handler?: unknown };
    try {
      mod = (await import(pathToFileURL(resolve(file)).href)) as { handler?: unknown };
    } catch (err) {
      throw new StandInError(`--lambda ${name}: cannot load ${file} (${(err as Error).message})`);
    }
    const handler = mod.handler;
    if (typeof handler !== 'function')
      throw new StandInError(`--lambda ${name}: ${file} exports no handler function`);
    out[name] = (event) =>
      (handler as (e: unknown, ctx: unknown) => unknown)(event, {
        functionName: name,
        awsRequestId: 'local',
        getRemainingTimeInMillis: () => 8000,
      });
  }
  return out;
}
