/** Prints the assistant's retrieval quality per locale; exits 1 when a target is missed. */
import { EVAL_LOCALES, evaluate } from './eval/evaluate.ts';

const TARGET_ACCURACY = 0.85;
const verbose = process.argv.includes('--verbose');
let failed = false;
const rows = EVAL_LOCALES.map((locale) => {
  const r = evaluate(locale);
  const ok = r.accuracy >= TARGET_ACCURACY && r.offTopicAnswered.length === 0;
  if (!ok) failed = true;
  if (verbose || !ok) {
    for (const w of r.answeredWrong)
      console.log(
        `  ${locale} wrong: "${w.question}" -> ${w.got} (${w.score.toFixed(2)}), expected ${w.expected}`,
      );
    for (const w of r.belowThreshold)
      console.log(`  ${locale} no answer: "${w.question}" (${w.score.toFixed(2)}), expected ${w.expected}`);
    for (const w of r.offTopicAnswered)
      console.log(`  ${locale} off-topic answered: "${w.question}" -> ${w.got} (${w.score.toFixed(2)})`);
  }
  return {
    locale,
    threshold: r.threshold,
    questions: r.questions,
    'top-1 correct': r.correct,
    'accuracy %': Number((r.accuracy * 100).toFixed(1)),
    'wrong answer': r.answeredWrong.length,
    'no answer': r.belowThreshold.length,
    'off-topic': r.offTopic,
    'off-topic answered': r.offTopicAnswered.length,
    result: ok ? 'pass' : 'FAIL',
  };
});
console.table(rows);
console.log(
  `targets: top-1 accuracy >= ${TARGET_ACCURACY * 100} %, no off-topic question answered above the threshold`,
);
process.exit(failed ? 1 : 0);
