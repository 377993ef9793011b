import { parseArgs } from 'node:util';
import { groupMissed, type MissedGroup } from '../../lambdas/domain/missed.ts';
import {
  MissedQuestionRepository,
  type StoredMissedQuestion,
} from '../../lambdas/domain/missed-questions.ts';
import { configFrom, UsageError } from './common.ts';
import { emit, withStore } from './operations.ts';

export const MISSED_HELP = `switchboard missed [--config F] [--data DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
  Questions the assistant could not answer (no match) or whose answer did not help (the caller pressed
  2 or 3 after it), grouped by similarity, largest group first. Each group names the FAQ entry it most
  likely belongs to and prints a ready alternates: snippet: paste its new lines under that entry in the
  config, then run switchboard check and npm run eval:assistant. --from/--to are UTC dates (the --to
  day included).`;

const day = (flag: string, v: string | undefined, end = false): Date | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`${flag} "${v}" is not a date (YYYY-MM-DD)`);
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${flag} "${v}" is not a date`);
  if (end) d.setUTCDate(d.getUTCDate() + 1);
  return d;
};

/** One group as text: the entry, the wordings with how often and why, and the snippet. */
export function formatGroup(g: MissedGroup, n: number): string {
  const counts = new Map<string, { times: number; reasons: Set<string> }>();
  for (const q of g.questions as StoredMissedQuestion[]) {
    const k = q.question.trim();
    const c = counts.get(k) ?? { times: 0, reasons: new Set<string>() };
    c.times++;
    c.reasons.add(q.reason === 'not-helped' ? `did not help (${q.answeredFaqId ?? '?'})` : 'no match');
    counts.set(k, c);
  }
  const head = g.faqId
    ? `${n}. ${g.locale}, ${g.questions.length} question(s), most likely FAQ entry "${g.faqId}" (similarity ${g.score})`
    : `${n}. ${g.locale}, ${g.questions.length} question(s), no FAQ entry fits: a new entry`;
  const lines = [...counts].map(
    ([q, c]) => `   - "${q}"${c.times > 1 ? ` x${c.times}` : ''} [${[...c.reasons].join(', ')}]`,
  );
  const yaml = g.yaml
    .trimEnd()
    .split('\n')
    .map((l) => `     ${l}`);
  return [head, ...lines, '   alternates snippet (paste under faq:):', ...yaml].join('\n');
}

export async function missed(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const from = day('--from', values.from);
  const to = day('--to', values.to, true);
  const list = await withStore(config, values.data, (_store, sb) =>
    new MissedQuestionRepository(sb.db.doc, sb.db.tables).list({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    }),
  );
  const groups = groupMissed(list, { faq: config.faq });
  if (values.json) {
    emit(JSON.stringify({ questions: list.length, groups }, null, 2), undefined);
    return 0;
  }
  if (list.length === 0) {
    console.log('no missed questions');
    return 0;
  }
  emit(
    `${groups.map((g, i) => formatGroup(g, i + 1)).join('\n\n')}\n\n${list.length} missed question(s) in ${groups.length} group(s)`,
    undefined,
  );
  return 0;
}
