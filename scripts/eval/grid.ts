/**
 * Tuning aid: grid search of the retrieval constants on the TUNING set and the CLINC150 validation split
 * only (never the held-out set or CLINC's test split). For each weighting it tries every pair of
 * minSimilarity and minMargin. Objective per part (en, zh, clinc): accuracy minus WRONG_COST times the
 * share of questions (in scope and off-topic) that got a wrong answer. `npx tsx scripts/eval/grid.ts`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { DEFAULT_TUNING, FaqIndex, type FaqTuning } from '../../lambdas/domain/faq.ts';
import { CLINC_DIR, clincAvailable, loadSets } from './evaluate.ts';

const WRONG_COST = 10;
const root = resolve(import.meta.dirname, '../..');
type Job = { cfg: ReturnType<typeof loadConfig>; qs: Array<[string, string]>; off: string[]; tag: string };
const jobs: Job[] = loadSets('tuning').map((s) => ({
  cfg: loadConfig(resolve(root, s.config)),
  qs: s.questions,
  off: s.offTopic,
  tag: s.config.includes('zh') ? 'zh' : 'en',
}));
if (clincAvailable()) {
  const val = JSON.parse(readFileSync(resolve(CLINC_DIR, 'val.json'), 'utf8'));
  jobs.push({
    cfg: loadConfig(resolve(CLINC_DIR, 'config.yaml')),
    qs: val.inScope.map((q: { text: string; faq: string }) => [q.text, q.faq]),
    off: val.outOfScope,
    tag: 'clinc',
  });
}

/** Top-two similarities of every question: y = 1 right entry first, 0 wrong entry first, -1 off-topic. */
function features(t: FaqTuning) {
  const rows: Array<{ tag: string; s1: number; s2: number; y: number }> = [];
  for (const j of jobs) {
    const idx = new FaqIndex(j.cfg.faq, j.cfg.business.locale, t);
    const add = (q: string, want: string) => {
      const m = idx.search(q, 2);
      const y = want ? (m[0]?.entry.id === want ? 1 : 0) : -1;
      rows.push({ tag: j.tag, s1: m[0]?.grounded ? m[0].similarity : 0, s2: m[1]?.similarity ?? 0, y });
    };
    for (const [q, want] of j.qs) add(q, want);
    for (const q of j.off) add(q, '');
  }
  return rows;
}

const weightings: Array<Partial<FaqTuning>> = [];
for (const answerWeight of [0.5, 0.7])
  for (const conceptWeight of [1.5, 2])
    for (const oovWeight of [2, 3, 4])
      for (const lightWeight of [0.15, 0.3])
        for (const coverageShare of [0.6, 0.8])
          weightings.push({ answerWeight, conceptWeight, oovWeight, lightWeight, coverageShare });

const results: Array<{ obj: number; t: FaqTuning; parts: Record<string, [number, number]> }> = [];
for (const w of weightings) {
  const rows = features({ ...DEFAULT_TUNING, ...w });
  const tags = [...new Set(rows.map((r) => r.tag))];
  for (let minSimilarity = 0.1; minSimilarity < 0.7; minSimilarity += 0.02)
    for (let minMargin = 0; minMargin < 0.4; minMargin += 0.02) {
      const parts: Record<string, [number, number]> = {};
      let obj = 0;
      for (const tag of tags) {
        const mine = rows.filter((r) => r.tag === tag);
        const answered = mine.filter((r) => r.s1 >= minSimilarity && r.s1 - r.s2 >= minMargin);
        const inScope = mine.filter((r) => r.y >= 0).length;
        const ok = answered.filter((r) => r.y === 1).length;
        const bad = answered.length - ok;
        parts[tag] = [Number((ok / inScope).toFixed(3)), bad];
        obj += ok / inScope - (WRONG_COST * bad) / mine.length;
      }
      results.push({ obj, t: { ...DEFAULT_TUNING, ...w, minSimilarity, minMargin }, parts });
    }
}
results.sort((a, b) => b.obj - a.obj);
for (const r of results.slice(0, 8))
  console.log(r.obj.toFixed(3), JSON.stringify(r.t), 'accuracy, wrong:', JSON.stringify(r.parts));
