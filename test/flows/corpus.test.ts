import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedCaller } from '../../local/phone.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, ROOT } from '../helpers.ts';

const CORPUS = join(ROOT, '..', 'shared', 'reference', 'flows');
const files = (() => {
  try {
    return readdirSync(CORPUS)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
})();

let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
});
afterAll(async () => sb.stop());

describe('conformance corpus (../shared/reference/flows)', () => {
  it.skipIf(files.length === 0)(
    'runs every real flow to an end or to a named unsupported action, never an engine crash',
    async () => {
      const results: Array<{ file: string; end: string }> = [];
      for (const file of files) {
        // A few keys and words, then silence; a Lambda ARN with no local handler takes its error branch.
        const r = await sb.call({
          at: new Date('2026-11-23T15:00:00Z'),
          caller: new ScriptedCaller(['1', 'say:yes', '1', '2']),
          flowFile: join(CORPUS, file),
          engine: { maxCallSeconds: 600 },
        });
        const reason = r.outcome.reason ?? '';
        if (reason.startsWith('engine: '))
          expect(reason, `${file}: ${r.errors.at(-1)}`).toBe('engine: unsupported');
        results.push({
          file,
          end: reason === 'engine: unsupported' ? (r.errors.at(-1) ?? '') : r.outcome.type,
        });
      }
      const toEnd = results.filter((r) => !r.end.startsWith('unsupported'));
      const unsupported = results.filter((r) => r.end.startsWith('unsupported'));
      console.log(
        `corpus: ${toEnd.length} of ${results.length} flows ran to an end; ${unsupported.length} stopped at an unsupported action:`,
      );
      for (const u of unsupported) console.log(`  ${u.file}: ${u.end}`);
      expect(results).toHaveLength(files.length);
      expect(toEnd.length).toBeGreaterThanOrEqual(Math.floor(files.length * 0.8));
    },
  );
});
