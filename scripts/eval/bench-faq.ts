/**
 * The FAQ-search part of `npm run bench`: one search against a 50-entry FAQ (the schema's maximum) per
 * locale, built from the eval configs of that locale (entries repeated with a new id when they run
 * short), asked the tuning questions in turn. Returns wall-clock milliseconds per search. On a shared
 * machine the tail is the scheduler's: `busyLoopTimes` measures a fixed 50 µs loop the same way, as the
 * noise floor to read the p99 against.
 */

import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../config/load.ts';
import { type FaqEntry, FaqIndex } from '../../lambdas/domain/faq.ts';
import { loadSets } from './evaluate.ts';

const root = resolve(import.meta.dirname, '../..');
export const BENCH_FAQ_SIZE = 50;

/**
 * Milliseconds per search. `clock: 'wall'` (default) is what a caller waits for on this machine;
 * `clock: 'cpu'` is the process CPU time the search used (getrusage through process.cpuUsage, µs), which
 * time spent descheduled on a loaded machine does not inflate.
 */
export function faqSearchTimes(
  locale: 'en-US' | 'zh-CN',
  searches = 5000,
  clock: 'wall' | 'cpu' = 'wall',
): number[] {
  const sets = loadSets('tuning').filter((s) => s.config.includes('zh') === (locale === 'zh-CN'));
  const pool: FaqEntry[] = [...new Set(sets.map((s) => s.config))].flatMap(
    (c) => loadConfig(resolve(root, c)).faq,
  );
  const faq = Array.from({ length: BENCH_FAQ_SIZE }, (_, i) => ({ ...pool[i % pool.length]!, id: `e${i}` }));
  const questions = sets.flatMap((s) => [...s.questions.map(([q]) => q), ...s.offTopic]);
  const index = new FaqIndex(faq, locale);
  for (let i = 0; i < 200; i++) index.search(questions[i % questions.length]!); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < searches; i++) {
    const q = questions[i % questions.length]!;
    if (clock === 'cpu') {
      const c0 = process.cpuUsage();
      index.search(q);
      const c = process.cpuUsage(c0);
      ms.push((c.user + c.system) / 1000);
    } else {
      const t0 = performance.now();
      index.search(q);
      ms.push(performance.now() - t0);
    }
  }
  return ms;
}

/** The noise floor: wall-clock milliseconds of a fixed 50 µs busy loop, measured like a search. */
export function busyLoopTimes(n = 5000): number[] {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    while (performance.now() - t0 < 0.05);
    ms.push(performance.now() - t0);
  }
  return ms;
}
