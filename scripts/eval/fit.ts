/**
 * Tuning aid: fits the confidence (a logistic model over the retrieval's features) on the TUNING set and
 * CLINC150's validation split only, and reports it by leave-one-set-out cross-validation: every set is
 * scored by a model fit without it, so the numbers printed are not the fit's own data.
 * `npx tsx scripts/eval/fit.ts [--no-clinc]`. Prints the coefficients to paste into faq.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { FaqIndex, featuresOf } from '../../lambdas/domain/faq.ts';
import { CLINC_DIR, clincAvailable, loadSets } from './evaluate.ts';

const WRONG_COST = 10;
const root = resolve(import.meta.dirname, '../..');

interface Row {
  set: string;
  tag: string;
  /** 1: the right entry is first; 0: a wrong entry is first or the question is off-topic. */
  y: number;
  offTopic: boolean;
  x: number[];
  question: string;
}

type Job = { cfg: ReturnType<typeof loadConfig>; qs: Array<[string, string]>; off: string[]; set: string };
const jobs: Job[] = loadSets('tuning').map((s, i) => ({
  cfg: loadConfig(resolve(root, s.config)),
  qs: s.questions,
  off: s.offTopic,
  set: `${i}:${s.config}${s.spent ? ' (v1)' : ''}`,
}));
if (clincAvailable() && !process.argv.includes('--no-clinc')) {
  const val = JSON.parse(readFileSync(resolve(CLINC_DIR, 'val.json'), 'utf8'));
  jobs.push({
    cfg: loadConfig(resolve(CLINC_DIR, 'config.yaml')),
    qs: val.inScope.map((q: { text: string; faq: string }) => [q.text, q.faq]),
    off: val.outOfScope,
    set: 'clinc-val',
  });
}

const rows: Row[] = [];
for (const j of jobs) {
  const idx = new FaqIndex(j.cfg.faq, j.cfg.business.locale);
  const tag = j.set === 'clinc-val' ? 'clinc' : j.cfg.business.locale;
  const add = (q: string, want: string) => {
    const f = featuresOf(idx, q);
    if (!f) {
      rows.push({ set: j.set, tag, y: 0, offTopic: !want, x: [], question: q });
      return;
    }
    rows.push({ set: j.set, tag, y: f.top === want ? 1 : 0, offTopic: !want, x: f.x, question: q });
  };
  for (const [q, want] of j.qs) add(q, want);
  for (const q of j.off) add(q, '');
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Solves A x = b (Gaussian elimination with partial pivoting); A is small (features + 1). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

/**
 * L2-regularized logistic regression by Newton's method; returns [bias, ...weights]. A costly mistake
 * (y = 0) weighs `negWeight` times a right answer: the model should be sure before it answers.
 */
function fitLogistic(data: Row[], l2 = 0.1, negWeight = 2): number[] {
  const usable = data.filter((r) => r.x.length > 0);
  const d = usable[0]!.x.length + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const r of usable) {
      const x = [1, ...r.x];
      const c = r.y === 1 ? 1 : negWeight;
      const p = sigmoid(x.reduce((a, v, i) => a + v * w[i]!, 0));
      for (let i = 0; i < d; i++) {
        g[i]! += c * (p - r.y) * x[i]!;
        for (let k = 0; k < d; k++) H[i]![k]! += c * p * (1 - p) * x[i]! * x[k]!;
      }
    }
    for (let i = 1; i < d; i++) {
      g[i]! += l2 * w[i]!;
      H[i]![i]! += l2;
    }
    const step = solve(H, g);
    for (let i = 0; i < d; i++) w[i]! -= step[i]!;
  }
  return w;
}

const predict = (w: number[], r: Row) =>
  r.x.length === 0 ? 0 : sigmoid(w[0]! + r.x.reduce((a, v, i) => a + v * w[i + 1]!, 0));

/** Cross-validated probabilities: each set scored by a model fit on the others. */
const sets = [...new Set(rows.map((r) => r.set))];
const cv = new Map<Row, number>();
for (const s of sets) {
  const w = fitLogistic(rows.filter((r) => r.set !== s));
  for (const r of rows.filter((r) => r.set === s)) cv.set(r, predict(w, r));
}

function summarize(p: (r: Row) => number, cut: number, tag: string) {
  const mine = rows.filter((r) => r.tag === tag);
  const inScope = mine.filter((r) => !r.offTopic);
  const answered = mine.filter((r) => p(r) >= cut);
  const right = answered.filter((r) => r.y === 1).length;
  const wrong = answered.filter((r) => r.y === 0 && !r.offTopic).length;
  const off = answered.filter((r) => r.offTopic).length;
  const rank1 = inScope.filter((r) => r.y === 1).length;
  return {
    tag,
    n: inScope.length,
    'rank@1 %': Number(((100 * rank1) / inScope.length).toFixed(1)),
    'accuracy %': Number(((100 * right) / inScope.length).toFixed(1)),
    wrong,
    'off-topic answered': off,
  };
}

function bestCut(p: (r: Row) => number) {
  let best = { cut: 0.5, obj: -Infinity };
  for (let cut = 0.05; cut < 0.99; cut += 0.01) {
    let obj = 0;
    for (const tag of ['en-US', 'zh-CN']) {
      const mine = rows.filter((r) => r.tag === tag);
      const n = mine.filter((r) => !r.offTopic).length;
      const ans = mine.filter((r) => p(r) >= cut);
      const ok = ans.filter((r) => r.y === 1).length;
      obj += ok / n - (WRONG_COST * (ans.length - ok)) / mine.length;
    }
    if (obj > best.obj) best = { cut, obj };
  }
  return best.cut;
}

const old = (r: Row) => (r.x.length ? Math.min(r.x[0]! / 0.32, r.x[1]! / 0.16) : 0);
console.log('current rule (min of similarity / 0.32 and margin / 0.16 >= 1):');
console.table(['en-US', 'zh-CN', 'clinc'].map((t) => summarize(old, 1, t)));
const cvP = (r: Row) => cv.get(r) ?? 0;
const cvCut = bestCut(cvP);
console.log(`cross-validated (leave one set out), cut ${cvCut.toFixed(2)}:`);
console.table(['en-US', 'zh-CN', 'clinc'].map((t) => summarize(cvP, cvCut, t)));
const w = fitLogistic(rows);
const allP = (r: Row) => predict(w, r);
const cut = bestCut(allP);
console.log(`fit on all tuning data, cut ${cut.toFixed(2)} (in-sample):`);
console.table(['en-US', 'zh-CN', 'clinc'].map((t) => summarize(allP, cut, t)));
console.log('weights [bias, ...features]:', JSON.stringify(w.map((v) => Number(v.toFixed(3)))));
console.log('bias at the cut (logit):', Math.log(cut / (1 - cut)).toFixed(3));
if (process.argv.includes('--misses')) {
  for (const r of rows.filter((r) => r.tag !== 'clinc')) {
    const p = allP(r);
    if (p >= cut !== (r.y === 1))
      console.log(
        `${r.y ? 'MISS' : r.offTopic ? 'OFF ' : 'WRNG'} ${p.toFixed(2)} ${r.question} ${r.x.map((v) => v.toFixed(2)).join(' ')}`,
      );
  }
}
