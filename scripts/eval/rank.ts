/**
 * Tuning aid: ranking quality on the TUNING set only: how often the right entry is first (whatever the
 * confidence), and the confidence spread of right, wrong and off-topic tops. `npx tsx scripts/eval/rank.ts`.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { FaqIndex } from '../../lambdas/domain/faq.ts';
import { loadSets } from './evaluate.ts';

const root = resolve(import.meta.dirname, '../..');
const verbose = process.argv.includes('--verbose');
const byLocale = new Map<string, { n: number; top1: number; top3: number }>();
for (const s of loadSets('tuning')) {
  const cfg = loadConfig(resolve(root, s.config));
  const index = new FaqIndex(cfg.faq, cfg.business.locale);
  const t = byLocale.get(cfg.business.locale) ?? { n: 0, top1: 0, top3: 0 };
  for (const [q, want] of s.questions) {
    const m = index.search(q, 3);
    t.n++;
    if (m[0]?.entry.id === want) t.top1++;
    else if (verbose)
      console.log(
        `  ${cfg.business.name}: "${q}" want ${want}: ${m.map((x) => `${x.entry.id} ${x.similarity.toFixed(2)}`).join(' | ')}`,
      );
    if (m.some((x) => x.entry.id === want)) t.top3++;
  }
  byLocale.set(cfg.business.locale, t);
}
for (const [locale, t] of byLocale)
  console.log(
    locale,
    `top-1 ${((t.top1 / t.n) * 100).toFixed(1)} %, top-3 ${((t.top3 / t.n) * 100).toFixed(1)} % of ${t.n}`,
  );
