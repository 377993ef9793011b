import { stringify } from 'yaml';
import { type FaqCandidate, type FaqEntry, terms } from './faq.ts';

/**
 * Missed questions: what callers asked that the assistant did not answer (NO_MATCH) or answered in a way
 * that did not help. Grouping them shows what to add to the FAQ: similar questions are grouped, each
 * group is given the entry it most likely belongs to (from the candidates the retrieval scored when the
 * question was asked), and a ready `alternates:` snippet to paste into the config. Pure: storage, the
 * CLI and the console call this.
 */

/** One missed question, as kept under the contact. */
export interface MissedQuestion {
  question: string;
  /** BCP 47, e.g. en-US, zh-CN. */
  locale: string;
  /** ISO 8601 UTC time the question was asked. */
  at: string;
  /** The retrieval's top candidates when it was asked, best first (similarity 0-1). */
  candidates: FaqCandidate[];
}

export interface MissedGroup {
  locale: string;
  /** The group's questions, oldest first, repeats of the same words included. */
  questions: MissedQuestion[];
  /** Distinct wordings, in order of first appearance. */
  wordings: string[];
  /** The FAQ entry the group most likely belongs to, or null when no entry fits (a new entry is needed). */
  faqId: string | null;
  /** Mean similarity of the group's questions to `faqId` (0 when null). */
  score: number;
  /** YAML to paste under `faq:` (the entry's id with its alternates, or a new entry to complete). */
  yaml: string;
}

export interface GroupOptions {
  /** The FAQ as configured: existing alternates are kept in the snippet and not suggested twice. */
  faq?: FaqEntry[];
  /**
   * Two questions whose term sets overlap this much (Jaccard, 0-1; +0.2 when the retrieval ranked the
   * same entry first for both) are grouped. Default 0.5.
   */
  similarity?: number;
  /** Below this mean similarity no FAQ entry is suggested. Default 0.2. */
  minScore?: number;
}

/** Alternates longer than this are cut by the config schema (faq[].alternates[], 300 characters). */
const MAX_ALTERNATE = 300;

/** Terms used to compare questions: words, concepts and Chinese bigrams, soft marks dropped. */
function signature(question: string, locale: string): Set<string> {
  return new Set(terms(question, locale).map((t) => (t.startsWith('=') ? t.slice(1) : t)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

const clean = (q: string) => q.trim().replace(/\s+/g, ' ').slice(0, MAX_ALTERNATE);
const sameWords = (q: string) =>
  clean(q)
    .toLowerCase()
    .replace(/[\s?？!！.。,，]+$/u, '');

/**
 * Groups missed questions per locale: each question joins the group whose questions it resembles most on
 * average (at least `similarity`), else starts a new one; identical wordings always join. Groups come
 * largest first, then most recent first. Throws nothing; records with an empty question are skipped.
 */
export function groupMissed(records: MissedQuestion[], options: GroupOptions = {}): MissedGroup[] {
  const threshold = options.similarity ?? 0.5;
  const minScore = options.minScore ?? 0.2;
  const byId = new Map((options.faq ?? []).map((e) => [e.id, e]));
  const sorted = records.filter((r) => clean(r.question)).sort((a, b) => a.at.localeCompare(b.at));
  type Item = { r: MissedQuestion; sig: Set<string>; top: string };
  const groups: Array<{ locale: string; items: Item[] }> = [];
  const topOf = (r: MissedQuestion) => {
    const c = r.candidates[0];
    return c && c.score >= minScore ? c.faqId : '';
  };
  const like = (a: Item, b: Item) => jaccard(a.sig, b.sig) + (a.top && a.top === b.top ? 0.2 : 0);
  for (const r of sorted) {
    const item: Item = { r, sig: signature(r.question, r.locale), top: topOf(r) };
    let best: (typeof groups)[number] | undefined;
    let bestSim = -1;
    for (const g of groups) {
      if (g.locale !== r.locale) continue;
      const same = g.items.some((i) => sameWords(i.r.question) === sameWords(r.question));
      const sim = same ? 1 : g.items.reduce((n, i) => n + like(item, i), 0) / g.items.length;
      if (sim > bestSim) {
        bestSim = sim;
        best = g;
      }
    }
    if (best && bestSim >= threshold) best.items.push(item);
    else groups.push({ locale: r.locale, items: [item] });
  }
  return groups
    .map((g) =>
      describe(
        g.locale,
        g.items.map((i) => i.r),
        byId,
        minScore,
      ),
    )
    .sort(
      (a, b) =>
        b.questions.length - a.questions.length ||
        (b.questions.at(-1)?.at ?? '').localeCompare(a.questions.at(-1)?.at ?? ''),
    );
}

function describe(
  locale: string,
  questions: MissedQuestion[],
  faq: Map<string, FaqEntry>,
  minScore: number,
): MissedGroup {
  const wordings: string[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    const key = sameWords(q.question);
    if (seen.has(key)) continue;
    seen.add(key);
    wordings.push(clean(q.question));
  }
  // Mean similarity per candidate entry over the group (a question that did not list it counts 0).
  const sums = new Map<string, number>();
  for (const q of questions)
    for (const c of q.candidates)
      if (faq.size === 0 || faq.has(c.faqId)) sums.set(c.faqId, (sums.get(c.faqId) ?? 0) + c.score);
  let faqId: string | null = null;
  let score = 0;
  for (const [id, sum] of sums) {
    const mean = sum / questions.length;
    if (mean > score) {
      score = mean;
      faqId = id;
    }
  }
  if (score < minScore) {
    faqId = null;
    score = 0;
  }
  return {
    locale,
    questions,
    wordings,
    faqId,
    score: Number(score.toFixed(3)),
    yaml: faqId ? alternatesSnippet(faqId, wordings, faq.get(faqId)) : newEntrySnippet(wordings),
  };
}

/**
 * The `faq:` list item for an entry with the new wordings added to its alternates (existing alternates
 * first, then new ones; none twice, none that repeats the question), e.g.
 * `- id: payment\n  alternates:\n    - Do you take credit cards?\n    - can I pay online\n`.
 */
export function alternatesSnippet(faqId: string, wordings: string[], entry?: FaqEntry): string {
  const existing = entry?.alternates ?? [];
  const taken = new Set([entry?.question ?? '', ...existing].map(sameWords));
  const added: string[] = [];
  for (const w of wordings.map(clean)) {
    const key = sameWords(w);
    if (!w || taken.has(key)) continue;
    taken.add(key);
    added.push(w);
  }
  return stringify([{ id: faqId, alternates: [...existing, ...added] }]);
}

/** A new entry to complete, for a group no FAQ entry fits: the first wording as its question. */
function newEntrySnippet(wordings: string[]): string {
  const [question = '', ...rest] = wordings;
  return stringify([
    {
      id: 'new-entry',
      question,
      answer: 'TODO: write the answer',
      ...(rest.length ? { alternates: rest } : {}),
    },
  ]);
}
