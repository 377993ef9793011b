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
  /** Who chose the answer: the offline retrieval, or the Bedrock reranker among its candidates. */
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

/**
 * A model that picks, among the offline retrieval's candidates, the entry that answers the question.
 * It can only choose: the caller hears a candidate's FAQ answer, never the model's own words.
 */
export interface Reranker {
  /**
   * The id of the candidate that answers `question`, or null when none does. Throws on any failure
   * (error, time-out, a reply that is not one of the candidates): the assistant then keeps its own choice.
   */
  choose(question: string, candidates: FaqEntry[], settings: AssistantSettings): Promise<string | null>;
}

export interface AssistantDeps {
  faq(): Promise<{ settings: AssistantSettings; index: FaqIndex }>;
  /** Used only with `assistant.provider: bedrock`. */
  reranker?: Reranker;
  /** issue 10 (missed questions): keeps a NO_MATCH question with its top candidates; failures are logged. */
  missed?(m: { question: string; candidates: FaqCandidate[] }): Promise<void>;
  log(message: string, extra?: Record<string, unknown>): void;
}

/** A reranker returned an id that was not among the candidates it was given. */
export class UnknownChoiceError extends Error {
  override name = 'UnknownChoiceError';
}

/** How many of the offline retrieval's best entries a reranker may choose from. */
export const RERANK_CANDIDATES = 4;
/**
 * Similarity (0-1) below which an entry is not offered to a reranker: it shares little more than a word
 * with the question, and a model shown it would be tempted to pick it anyway.
 */
export const RERANK_MIN_SIMILARITY = 0.15;

/**
 * Answers a caller's question. Urgent words win over everything. Offline, the top FAQ entry is spoken
 * when its confidence reaches `settings.threshold`, else the result is NO_MATCH, never a guess. With
 * `provider: bedrock` and a reranker, the model chooses among the grounded candidates (or none: NO_MATCH);
 * on any failure or time-out the offline decision stands.
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
  const matches: FaqMatch[] = index.search(q, RERANK_CANDIDATES);
  const top = matches[0];
  let chosen: FaqMatch | null = top && top.score >= settings.threshold ? top : null;
  let source: AssistantAnswer['source'] = 'faq';
  const candidates = matches.filter((m) => m.grounded && m.similarity >= RERANK_MIN_SIMILARITY);
  if (settings.provider === 'bedrock' && deps.reranker && candidates.length > 0) {
    try {
      const id = await deps.reranker.choose(
        q,
        candidates.map((m) => m.entry),
        settings,
      );
      const picked = id === null ? null : candidates.find((m) => m.entry.id === id);
      if (picked === undefined) throw new UnknownChoiceError(`the reranker chose "${id}", not a candidate`);
      chosen = picked;
      source = 'bedrock';
    } catch (err) {
      deps.log('bedrock failed, keeping the offline answer', {
        error: err instanceof Error ? err.name : String(err),
      });
    }
  }
  if (!chosen) {
    // issue 10 (missed questions): keep it for `switchboard missed`; a failure never fails the turn.
    try {
      await deps.missed?.({ question: q, candidates: toCandidates(matches.slice(0, 3)) });
    } catch (err) {
      deps.log('missed question not kept', { error: err instanceof Error ? err.name : String(err) });
    }
    return { ...none, score: Number((top?.score ?? 0).toFixed(3)) };
  }
  return {
    result: 'ANSWERED',
    answer: chosen.entry.answer,
    faqId: chosen.entry.id,
    score: Number(chosen.score.toFixed(3)),
    keyword: '',
    urgentGroup: '',
    source,
  };
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
