/**
 * Tuning aid: prints every miss on the TUNING set only (never the held-out set), with the top entries'
 * similarities, so that lexicon and weights can be tuned. `npx tsx scripts/eval/tune.ts [--clinc]`.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { FaqIndex } from '../../lambdas/domain/faq.ts';
import { CLINC_DIR, loadSets, runClinc, runSet, total } from './evaluate.ts';

const root = resolve(import.meta.dirname, '../..');
const reports = loadSets('tuning').map((s) => runSet('tuning', s));
for (const r of reports) {
  const index = new FaqIndex(loadConfig(resolve(root, r.config)).faq, r.locale);
  const why = (q: string) =>
    index
      .search(q, 3)
      .map((m) => `${m.entry.id} ${m.similarity.toFixed(2)}`)
      .join(' | ');
  console.log(`\n== ${r.business} (${r.locale}) ${r.correct}/${r.questions}`);
  for (const o of r.wrong)
    console.log(
      `  WRONG ${o.question} -> ${o.got} ${o.score.toFixed(2)} want ${o.expected}: ${why(o.question)}`,
    );
  for (const o of r.unanswered)
    console.log(`  none  ${o.question} (${o.score.toFixed(2)}) want ${o.expected}: ${why(o.question)}`);
  for (const o of r.offTopicAnswered)
    console.log(`  OFF   ${o.question} -> ${o.got} ${o.score.toFixed(2)}: ${why(o.question)}`);
}
for (const loc of ['en-US', 'zh-CN']) console.log(loc, total(reports.filter((r) => r.locale === loc)));
if (process.argv.includes('--clinc')) {
  const c = runClinc('val');
  const index = new FaqIndex(loadConfig(resolve(CLINC_DIR, 'config.yaml')).faq, 'en-US');
  if (process.argv.includes('--verbose')) {
    for (const o of c.wrong)
      console.log(`  WRONG ${o.question} -> ${o.got} ${o.score.toFixed(2)} want ${o.expected}`);
    for (const o of c.offTopicAnswered)
      console.log(`  OFF   ${o.question} -> ${o.got} ${o.score.toFixed(2)}`);
  }
  void index;
  console.log('clinc val', total([c]));
}
