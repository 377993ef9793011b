import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The console's pages: sources in web/, built by Vite into web/dist (git-ignored, never committed). */
export const WEB_ROOT = resolve(import.meta.dirname);
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether web/dist is missing or older than a source file. */
export function webIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return Math.max(newest(join(WEB_ROOT, 'src')), statSync(join(WEB_ROOT, 'index.html')).mtimeMs) > built;
}

/**
 * Builds the pages when web/dist is missing or stale (a fresh clone's first `switchboard start`, CI, or
 * `cdk synth`), with Vite's API, and returns the folder. Takes seconds; a no-op when up to date.
 */
export async function ensureWebBuilt(log: (line: string) => void = () => {}): Promise<string> {
  if (!webIsStale()) return WEB_DIST;
  log('Building the console pages (first start, or the sources changed)...');
  const { build } = await import('vite');
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), root: WEB_ROOT, logLevel: 'warn' });
  return WEB_DIST;
}
