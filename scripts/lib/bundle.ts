import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE, phoneMetadataAlias } from '../../infra/bundling.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface BundleInfo {
  name: string;
  bytes: number;
  /** Packages the bundle imports at cold start (the AWS SDK clients, provided by the Lambda runtime). */
  externals: string[];
  /** Packages it imports only on first use (`onFirstUse` in lambdas/shared/env.ts). */
  onFirstUse: string[];
  file?: string;
}

/** The functions under lambdas/ (each folder with a handler.ts). */
export function functionNames(): string[] {
  return readdirSync(join(ROOT, 'lambdas'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['domain', 'shared'].includes(d.name))
    .filter((d) => readdirSync(join(ROOT, 'lambdas', d.name)).includes('handler.ts'))
    .map((d) => d.name)
    .sort();
}

/**
 * Bundles one function as the stack does (minified ESM, SDK external); writes it to `outDir` when given.
 * `phoneCountries`: as the stack bundles a flow function, with only these countries' phone numbering
 * rules (infra/phone-metadata.ts); every country's when absent.
 */
export async function bundleFunction(
  name: string,
  outDir?: string,
  phoneCountries?: readonly string[],
): Promise<BundleInfo> {
  const out = outDir ? join(outDir, `${name}.mjs`) : `${name}.mjs`;
  const r = await build({
    entryPoints: [join(ROOT, 'lambdas', name, 'handler.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE.target,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    external: [...BUNDLE.external],
    ...(phoneCountries ? { alias: phoneMetadataAlias(phoneCountries) } : {}),
    metafile: true,
    write: Boolean(outDir),
    outfile: out,
    logLevel: 'silent',
  });
  const output = Object.entries(r.metafile.outputs).find(([f]) => f.endsWith('.mjs'))![1];
  const sdk = output.imports.filter((i) => i.external && !i.path.startsWith('node:'));
  const atStart = new Set(sdk.filter((i) => i.kind !== 'dynamic-import').map((i) => i.path));
  const externals = [...atStart].sort();
  const onFirstUse = [...new Set(sdk.map((i) => i.path))].filter((p) => !atStart.has(p)).sort();
  return { name, bytes: output.bytes, externals, onFirstUse, ...(outDir ? { file: out } : {}) };
}
