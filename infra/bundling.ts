import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHONE_METADATA_IMPORT, writePhoneMetadata } from './phone-metadata.ts';

/**
 * How every handler is bundled (esbuild, through NodejsFunction in the stack, and directly by the bundle
 * test and `npm run bench`): an ES module for Node 24, minified, with the AWS SDK left out because the
 * Lambda Node runtime provides it.
 */
export const BUNDLE = {
  target: 'node24',
  mainFields: ['module', 'main'],
  /** Some dependencies still call require(); give them one in the ESM bundle. */
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  external: ['@aws-sdk/*'],
} as const;

/**
 * esbuild's `alias` that gives a bundle only `countries`' phone numbering rules: `{ import: file }`, the
 * file written once per set of countries to the system's temporary folder, named by its content.
 */
export function phoneMetadataAlias(countries: readonly string[]): Record<string, string> {
  const key = [...countries].sort().join(',');
  let file = written.get(key);
  if (!file) {
    file = writePhoneMetadata(countries, join(tmpdir(), 'switchboard-phone-metadata'));
    written.set(key, file);
  }
  return { [PHONE_METADATA_IMPORT]: file };
}

const written = new Map<string, string>();
