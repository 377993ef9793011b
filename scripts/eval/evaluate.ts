import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/load.ts';
import { FaqIndex } from '../../lambdas/domain/faq.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

/**
 * tuning.json is for tuning; heldout.json (v2) and heldout-v3.json were each written and committed before
 * their first run and are never tuned on. v3 is the fresh one: v2 had been run several times.
 */
export const SPLITS = ['tuning', 'heldout', 'heldout-v3'] as const;
/** The held-out splits: the gate applies to each. */
export const HELDOUT_SPLITS: readonly Split[] = ['heldout', 'heldout-v3'];
export type Split = (typeof SPLITS)[number];

export interface EvalSet {
  /** Config path, relative to the project root. */
  config: string;
  /** [caller's words, expected FAQ id]. */
  questions: Array<[string, string]>;
  /** Questions no FAQ entry answers: they must get NO_MATCH. */
  offTopic: string[];
  /** Set on a former held-out set that was looked at and so became tuning data. */
  spent?: string;
}

export interface Outcome {
  question: string;
  expected: string;
  /** FAQ id answered, '' for NO_MATCH. */
  got: string;
  score: number;
  /** The top entry even when below the threshold, with its score. */
  top: string;
}

export interface SetReport {
  split: string;
  config: string;
  business: string;
  /** The business, marked when the set is a spent held-out set. */
  label: string;
  locale: string;
  threshold: number;
  questions: number;
  correct: number;
  /** Answered with another entry's answer: the worst outcome. */
  wrong: Outcome[];
  /** NO_MATCH where an entry was expected. */
  unanswered: Outcome[];
  offTopic: number;
  /** An off-topic question that got an answer. */
  offTopicAnswered: Outcome[];
}

export function loadSets(split: Split): EvalSet[] {
  const file = JSON.parse(readFileSync(resolve(here, `${split}.json`), 'utf8')) as { sets: EvalSet[] };
  return file.sets;
}

/** Runs one set the way the assistant decides: the top entry is spoken when its score >= threshold. */
export function runSet(split: string, set: EvalSet, configPath = resolve(root, set.config)): SetReport {
  const config = loadConfig(configPath);
  const threshold = config.assistant.threshold;
  const index = new FaqIndex(config.faq, config.business.locale);
  const report: SetReport = {
    split,
    config: set.config,
    business: config.business.name,
    label: set.spent ? `${config.business.name} (held-out v1, spent)` : config.business.name,
    locale: config.business.locale,
    threshold,
    questions: set.questions.length,
    correct: 0,
    wrong: [],
    unanswered: [],
    offTopic: set.offTopic.length,
    offTopicAnswered: [],
  };
  const ask = (question: string, expected: string): Outcome => {
    const top = index.search(question, 1)[0];
    const score = top?.score ?? 0;
    const answered = top && score >= threshold ? top.entry.id : '';
    return { question, expected, got: answered, score, top: top?.entry.id ?? '' };
  };
  for (const [question, expected] of set.questions) {
    const o = ask(question, expected);
    if (o.got === expected) report.correct++;
    else if (o.got) report.wrong.push(o);
    else report.unanswered.push(o);
  }
  for (const question of set.offTopic) {
    const o = ask(question, '');
    if (o.got) report.offTopicAnswered.push(o);
  }
  return report;
}

export function evaluateSplit(split: Split): SetReport[] {
  return loadSets(split).map((s) => runSet(split, s));
}

/** Sums reports (e.g. all configs of one locale). */
export function total(reports: SetReport[]): {
  questions: number;
  correct: number;
  wrong: number;
  unanswered: number;
  offTopic: number;
  offTopicAnswered: number;
  accuracy: number;
} {
  const sum = (f: (r: SetReport) => number) => reports.reduce((a, r) => a + f(r), 0);
  const questions = sum((r) => r.questions);
  const correct = sum((r) => r.correct);
  return {
    questions,
    correct,
    wrong: sum((r) => r.wrong.length),
    unanswered: sum((r) => r.unanswered.length),
    offTopic: sum((r) => r.offTopic),
    offTopicAnswered: sum((r) => r.offTopicAnswered.length),
    accuracy: questions ? correct / questions : 0,
  };
}

/** The CLINC150 credit-union benchmark in ../shared, when present (val = tuning, test = report). */
export const CLINC_DIR = resolve(root, '../shared/benchmarks/clinc150-credit-union');

export function clincAvailable(): boolean {
  return existsSync(resolve(CLINC_DIR, 'config.yaml'));
}

export function runClinc(part: 'val' | 'test'): SetReport {
  const data = JSON.parse(readFileSync(resolve(CLINC_DIR, `${part}.json`), 'utf8')) as {
    inScope: Array<{ text: string; faq: string }>;
    outOfScope: string[];
  };
  return runSet(
    `clinc150 ${part}`,
    {
      config: 'clinc150-credit-union',
      questions: data.inScope.map((q) => [q.text, q.faq]),
      offTopic: data.outOfScope,
    },
    resolve(CLINC_DIR, 'config.yaml'),
  );
}
