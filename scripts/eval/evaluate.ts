import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/load.ts';
import { FaqIndex } from '../../lambdas/domain/faq.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

export interface EvalReport {
  locale: string;
  threshold: number;
  questions: number;
  correct: number;
  accuracy: number;
  answeredWrong: Array<{ question: string; expected: string; got: string; score: number }>;
  belowThreshold: Array<{ question: string; expected: string; score: number }>;
  offTopic: number;
  offTopicAnswered: Array<{ question: string; got: string; score: number }>;
}

export const EVAL_LOCALES = ['en-US', 'zh-CN'] as const;

/** Top-1 accuracy on paraphrases (a miss or a below-threshold score counts as wrong) and off-topic leaks. */
export function evaluate(locale: string): EvalReport {
  const set = JSON.parse(readFileSync(resolve(here, `${locale}.json`), 'utf8')) as {
    config: string;
    questions: Array<[string, string]>;
    offTopic: string[];
  };
  const config = loadConfig(resolve(root, set.config));
  const threshold = config.assistant.threshold;
  const index = new FaqIndex(config.faq, config.business.locale);
  const report: EvalReport = {
    locale,
    threshold,
    questions: set.questions.length,
    correct: 0,
    accuracy: 0,
    answeredWrong: [],
    belowThreshold: [],
    offTopic: set.offTopic.length,
    offTopicAnswered: [],
  };
  for (const [question, expected] of set.questions) {
    const top = index.search(question, 1)[0];
    const score = top?.score ?? 0;
    if (!top || score < threshold) report.belowThreshold.push({ question, expected, score });
    else if (top.entry.id !== expected)
      report.answeredWrong.push({ question, expected, got: top.entry.id, score });
    else report.correct++;
  }
  report.accuracy = report.correct / report.questions;
  for (const question of set.offTopic) {
    const top = index.search(question, 1)[0];
    if (top && top.score >= threshold)
      report.offTopicAnswered.push({ question, got: top.entry.id, score: top.score });
  }
  return report;
}
