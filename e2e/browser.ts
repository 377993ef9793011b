import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..');
/** Screenshots land here (git-ignored). */
export const SHOTS = join(ROOT, '.screenshots');

/** Debian's chromium, driven headless with a fresh profile (playwright's own temp dir), nothing fetched from outside. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`no chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // No --user-data-dir: playwright gives every launch a fresh temporary profile of its own.
    ],
  });
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `npx switchboard start --no-phone` on a free loopback port with its own data folder, as a user runs it. */
export async function startSwitchboard(config?: string): Promise<Running> {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const args = [
    join(ROOT, 'bin/switchboard.js'),
    'start',
    '--no-phone',
    '--port',
    String(port),
    '--data',
    data,
  ];
  if (config) args.push('--config', config);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b) => {
    out += String(b);
  });
  child.stderr?.on('data', (b) => {
    out += String(b);
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!out.includes('Console: ')) {
    if (child.exitCode !== null) throw new Error(`switchboard start exited:\n${out}`);
    if (Date.now() - started > 120_000) throw new Error(`switchboard start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** JSON to the running console's API (the local console needs no sign-in). */
export async function post(url: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
