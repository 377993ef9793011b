/**
 * Prints the assistant's retrieval quality: per locale and per config, on the tuning set and on the
 * held-out sets v2 and v3 (each written before its first run, never tuned on), plus the CLINC150 credit-union benchmark when
 * ../shared has it (an extra line, not a gate). Exits 1 when accuracy on either held-out set is below
 * 90 % in either locale, when any held-out question gets a wrong answer, or when any off-topic question gets an answer.
 * `--verbose` lists every miss; `--no-clinc` skips the benchmark; `--report-only` prints the same and
 * always exits 0 (for a CI that must not block on the targets yet: say so where it is used).
 */
import {
  clincAvailable,
  evaluateSplit,
  HELDOUT_SPLITS,
  runClinc,
  type SetReport,
  SPLITS,
  total,
} from './eval/evaluate.ts';

const TARGET_ACCURACY = 0.9;
const verbose = process.argv.includes('--verbose');
const reports = SPLITS.flatMap((s) => evaluateSplit(s));
const pct = (x: number) => Number((x * 100).toFixed(1));
const line = (split: string, locale: string, config: string, rs: SetReport[]) => {
  const t = total(rs);
  return {
    split,
    locale,
    config,
    questions: t.questions,
    'accuracy %': pct(t.accuracy),
    wrong: t.wrong,
    'no answer': t.unanswered,
    'off-topic': t.offTopic,
    'off-topic answered': t.offTopicAnswered,
  };
};
const rows = [];
const failures: string[] = [];
const NAMES: Record<string, string> = {
  tuning: 'tuning',
  heldout: 'held-out v2',
  'heldout-v3': 'held-out v3',
};
for (const split of SPLITS) {
  const name = NAMES[split] ?? split;
  for (const locale of ['en-US', 'zh-CN']) {
    const rs = reports.filter((r) => r.split === split && r.locale === locale);
    for (const r of rs) rows.push(line(name, locale, r.label, [r]));
    rows.push(line(name, locale, '(all)', rs));
    const t = total(rs);
    if (HELDOUT_SPLITS.includes(split)) {
      if (t.accuracy < TARGET_ACCURACY)
        failures.push(`${name} ${locale}: accuracy ${pct(t.accuracy)} % < ${TARGET_ACCURACY * 100} %`);
      if (t.wrong > 0) failures.push(`${name} ${locale}: ${t.wrong} wrong answer(s)`);
    }
    if (t.offTopicAnswered > 0)
      failures.push(`${name} ${locale}: ${t.offTopicAnswered} off-topic question(s) answered`);
  }
}
if (clincAvailable() && !process.argv.includes('--no-clinc')) {
  for (const part of ['val', 'test'] as const) {
    const r = runClinc(part);
    reports.push(r);
    rows.push(line(`clinc150 ${part}`, 'en-US', r.business, [r]));
  }
}
console.table(rows);
if (verbose) {
  for (const r of reports) {
    const tag = `${r.split} ${r.label}`;
    for (const o of r.wrong)
      console.log(
        `  ${tag} WRONG "${o.question}" -> ${o.got} (${o.score.toFixed(2)}), expected ${o.expected}`,
      );
    for (const o of r.unanswered)
      console.log(
        `  ${tag} no answer "${o.question}" (top ${o.top} ${o.score.toFixed(2)}), expected ${o.expected}`,
      );
    for (const o of r.offTopicAnswered)
      console.log(`  ${tag} OFF-TOPIC answered "${o.question}" -> ${o.got} (${o.score.toFixed(2)})`);
  }
}
console.log(
  `gate: held-out accuracy >= ${TARGET_ACCURACY * 100} % per locale, no held-out wrong answer, no off-topic question answered (clinc150 is reported, not gated)`,
);
for (const f of failures) console.log(`FAIL ${f}`);
process.exit(failures.length && !process.argv.includes('--report-only') ? 1 : 0);
