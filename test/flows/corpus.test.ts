import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublishable, type FlowKind, formatProblem } from '../../contact-flows/publish-rules.ts';
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

/** Each file's flow type as MANIFEST.md records it (many exports carry no Metadata.type). */
function manifestKinds(): Map<string, FlowKind> {
  const out = new Map<string, FlowKind>();
  for (const line of readFileSync(join(CORPUS, 'MANIFEST.md'), 'utf8').split('\n')) {
    const m = /^\| `([^`]+\.json)` \|[^|]*\|[^|]*\| ([^|]+) \|/.exec(line);
    if (!m) continue;
    const col = m[2]!.trim();
    out.set(
      m[1]!,
      col.startsWith('module')
        ? 'MODULE'
        : col.startsWith('`*_WHISPER`')
          ? 'AGENT_WHISPER'
          : (col.split(' ')[0] as FlowKind),
    );
  }
  return out;
}

let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
});
afterAll(async () => sb.stop());

describe('conformance corpus (../shared/reference/flows): 74 flows Connect published', () => {
  it.skipIf(files.length === 0)('passes the publish rules: no false refusal', () => {
    const kinds = manifestKinds();
    expect(kinds.size).toBe(files.length);
    const refused = files.flatMap((f) =>
      checkPublishable(JSON.parse(readFileSync(join(CORPUS, f), 'utf8')), { file: f, kind: kinds.get(f)! }),
    );
    expect(refused.map(formatProblem)).toEqual([]);
  });

  it.skipIf(files.length === 0)('runs every flow to an end, never an engine stop', async () => {
    const stopped: string[] = [];
    for (const file of files) {
      // A few keys and words, then silence; another team's Lambda takes its stated default (Error).
      const r = await sb.call({
        at: new Date('2026-11-23T15:00:00Z'),
        caller: new ScriptedCaller(['1', 'say:yes', '1', '2']),
        flowFile: join(CORPUS, file),
        engine: { maxCallSeconds: 600 },
      });
      if (r.outcome.type === 'error') stopped.push(`${file}: ${r.outcome.message}`);
    }
    console.log(`corpus: ${files.length - stopped.length} of ${files.length} flows ran to an end`);
    expect(stopped).toEqual([]);
  });
});
