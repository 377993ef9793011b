import {
  type FaqCandidate,
  type FaqEntry,
  FaqIndex,
  type FaqMatch,
  findUrgentKeyword,
  toCandidates,
} from '#domain/faq.ts';
import type { AssistantSettings } from '#domain/repositories.ts';

/**
 * ERROR is only reported to Lex (a Connect flow gets its Error branch instead). MESSAGE and
 * LEAVE_MESSAGE come from a Lex turn that takes a message rather than a question.
 */
export type AssistantOutcome = 'ANSWERED' | 'NO_MATCH' | 'URGENT' | 'ERROR' | 'MESSAGE' | 'LEAVE_MESSAGE';

export interface AssistantAnswer {
  result: AssistantOutcome;
  answer: string;
  faqId: string;
  score: number;
  keyword: string;
  /** The `assistant.urgent` group the urgent words belong to ('' for a legacy keyword or none). */
  urgentGroup: string;
  source: 'faq' | 'bedrock' | '';
}

/**
 * The urgent words in `text`: a group's keyword first (the flow then says that group's safety advice
 * before anything else), else a legacy `urgentKeywords` word. Null when nothing urgent was said.
 */
export function findUrgent(
  text: string,
  settings: Pick<AssistantSettings, 'urgentKeywords' | 'urgentGroups'>,
): { keyword: string; group: string } | null {
  for (const g of settings.urgentGroups) {
    const keyword = findUrgentKeyword(text, g.keywords);
    if (keyword) return { keyword, group: g.id };
  }
  const keyword = findUrgentKeyword(text, settings.urgentKeywords);
  return keyword ? { keyword, group: '' } : null;
}

export interface Generator {
  /** A short spoken answer grounded only in `context`, or null when the model has nothing to say. */
  answer(question: string, context: FaqEntry[], settings: AssistantSettings): Promise<string | null>;
}

export interface AssistantDeps {
  faq(): Promise<{ settings: AssistantSettings; index: FaqIndex }>;
  generator?: Generator;
  /** issue 10 (missed questions): keeps a NO_MATCH question with its top candidates; failures are logged. */
  missed?(m: { question: string; candidates: FaqCandidate[] }): Promise<void>;
  log(message: string, extra?: Record<string, unknown>): void;
}

/**
 * Answers a caller's question. Urgent words win over everything; below the confidence threshold the
 * result is NO_MATCH, never a guess. With Bedrock, the model rephrases the top FAQ entries for the
 * phone; any failure or timeout falls back to the FAQ answer itself.
 */
export async function answerQuestion(question: string, deps: AssistantDeps): Promise<AssistantAnswer> {
  const { settings, index } = await deps.faq();
  const q = question.trim();
  const none: AssistantAnswer = {
    result: 'NO_MATCH',
    answer: '',
    faqId: '',
    score: 0,
    keyword: '',
    urgentGroup: '',
    source: '',
  };
  if (!q) return none;
  const urgent = findUrgent(q, settings);
  if (urgent) return { ...none, result: 'URGENT', keyword: urgent.keyword, urgentGroup: urgent.group };
  const matches: FaqMatch[] = index.search(q, 3);
  const top = matches[0];
  if (!top || top.score < settings.threshold) {
    // issue 10 (missed questions): keep it for `switchboard missed`; a failure never fails the turn.
    try {
      await deps.missed?.({ question: q, candidates: toCandidates(matches) });
    } catch (err) {
      deps.log('missed question not kept', { error: err instanceof Error ? err.name : String(err) });
    }
    return { ...none, score: top?.score ?? 0 };
  }
  const base: AssistantAnswer = {
    result: 'ANSWERED',
    answer: top.entry.answer,
    faqId: top.entry.id,
    score: Number(top.score.toFixed(3)),
    keyword: '',
    urgentGroup: '',
    source: 'faq',
  };
  if (settings.provider !== 'bedrock' || !deps.generator) return base;
  try {
    const context = matches.filter((m) => m.score >= settings.threshold * 0.75).map((m) => m.entry);
    const generated = await deps.generator.answer(q, context, settings);
    if (generated) return { ...base, answer: generated, source: 'bedrock' };
  } catch (err) {
    deps.log('bedrock failed, using the FAQ answer', {
      error: err instanceof Error ? err.name : String(err),
    });
  }
  return base;
}

/** A message turn: keep the words; urgent words still make it urgent. */
export async function takeMessage(text: string, deps: Pick<AssistantDeps, 'faq'>): Promise<AssistantAnswer> {
  const { settings } = await deps.faq();
  const urgent = findUrgent(text, settings);
  return {
    result: urgent ? 'URGENT' : 'MESSAGE',
    answer: '',
    faqId: '',
    score: 0,
    keyword: urgent?.keyword ?? '',
    urgentGroup: urgent?.group ?? '',
    source: '',
  };
}

/** Whether a caller asks to leave a message instead of asking a question ("leave a message", "留言"). */
export function wantsMessage(text: string): boolean {
  return /\b(leave|take)\s+(a\s+)?message\b|\bvoicemail\b|\bcall me back\b|留言|回电|回个电话/i.test(text);
}

/** Caches the FAQ index per container for a minute: the FAQ changes only on deploy. */
export function cachedFaq(
  load: () => Promise<{ settings: AssistantSettings | undefined; entries: FaqEntry[] }>,
  ttlMs = 60_000,
  clock: () => number = Date.now,
): () => Promise<{ settings: AssistantSettings; index: FaqIndex }> {
  let cached: { at: number; value: { settings: AssistantSettings; index: FaqIndex } } | undefined;
  return async () => {
    if (cached && clock() - cached.at < ttlMs) return cached.value;
    const { settings, entries } = await load();
    if (!settings) throw new Error('the FAQ has not been seeded (no FAQ settings in the directory table)');
    const value = { settings, index: new FaqIndex(entries, settings.locale) };
    cached = { at: clock(), value };
    return value;
  };
}
