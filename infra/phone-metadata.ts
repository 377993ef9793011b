import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { SwitchboardConfig } from '../config/index.ts';

const require = createRequire(import.meta.url);

/** The import phone.ts takes its numbering rules from; a call-path bundle aliases it (esbuild `alias`). */
export const PHONE_METADATA_IMPORT = 'libphonenumber-js/max/metadata';

interface MetadataJson {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: Record<string, unknown>;
}

/**
 * The countries whose numbering rules a call-path function needs: `outbound.countries` (the only
 * countries the line texts or calls back) and the country of every number in the config (the line's own
 * number, on-call people, alert phones). Other callers' numbers are kept as presented, never judged or
 * contacted (lambdas/domain/phone.ts `unjudged`). ISO 3166 alpha-2, sorted.
 */
export function phoneCountriesOf(config: SwitchboardConfig): string[] {
  const out = new Set<string>(config.outbound.countries);
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/^\+\d{7,15}$/.test(v)) {
        const country = parsePhoneNumberFromString(v)?.country;
        if (country) out.add(country);
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(config);
  return [...out].sort();
}

/**
 * libphonenumber-js's `max` metadata cut down to `countries` and every country sharing a calling code
 * with one of them (a calling code's rules live with its main country: +1 is the US entry, also for
 * Canada). The result keeps the library's shape plus `switchboard.countries`, by which phone.ts knows
 * that other calling codes are not judged. About 2 KB for the US instead of 150 KB.
 * @throws Error when a country has no numbering rules (config validation refuses those first)
 */
export function prunePhoneMetadata(countries: readonly string[]): MetadataJson & {
  switchboard: { countries: string[] };
} {
  const full = JSON.parse(
    readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8'),
  ) as MetadataJson;
  const codes = Object.entries(full.country_calling_codes).filter(([, list]) =>
    list.some((c) => countries.includes(c)),
  );
  for (const c of countries)
    if (!full.countries[c]) throw new Error(`phone metadata: no numbering rules for country ${c}`);
  const keep = new Set(codes.flatMap(([, list]) => list));
  return {
    version: full.version,
    country_calling_codes: Object.fromEntries(codes),
    countries: Object.fromEntries([...keep].sort().map((c) => [c, full.countries[c]])),
    switchboard: { countries: [...countries].sort() },
  };
}

/**
 * Writes the cut-down metadata for `countries` under `dir` (named by its content, so a changed config
 * gives a new file and a new asset hash) and returns its absolute path.
 */
export function writePhoneMetadata(countries: readonly string[], dir: string): string {
  const json = JSON.stringify(prunePhoneMetadata(countries));
  const hash = createHash('sha256').update(json).digest('hex').slice(0, 12);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `phone-metadata-${hash}.json`);
  writeFileSync(file, json);
  return file;
}
