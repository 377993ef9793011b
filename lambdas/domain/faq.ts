import {
  CONCEPTS,
  EN_NUMBER_WORDS,
  EN_SPOKEN,
  EN_STOP,
  LIGHT_WORDS,
  MENU_WORDS,
  OTHER_TRADES,
  ZH_STOP,
} from './lexicon.ts';
import { EN_CANON, findUrgentKeyword, normalize, stem } from './words.ts';

export { findUrgentKeyword, normalize };

/**
 * FAQ retrieval for the assistant, in English and Chinese, offline and in well under a millisecond per
 * question at 50 entries (see `npm run bench`).
 *
 * How a question is scored against an entry (measured by `npm run eval:assistant`; see the README, "How the assistant decides"):
 * 1. Terms. English is cut into words, spoken forms and negations normalized ("u" -> "you", "won't" ->
 *    "not"), misspellings within one edit of a word the FAQ or the thesaurus knows corrected, then stemmed.
 *    Chinese is cut into words with Intl.Segmenter and also into character bigrams, which survive
 *    segmentation mistakes; "去不去" is read as "去". Both languages add thesaurus concept terms
 *    (`@deliver` for "bring it over" and "送过来"), from lexicon.ts.
 * 2. Similarity, 0-1: mostly coverage, the share of the question's information (idf-weighted terms) that
 *    the entry explains, a term found in the question or an alternate counting fully and one found only
 *    in the answer counting `answerWeight` (callers ask about what an answer names: a suburb, a brand);
 *    plus a little of the best cosine against one question or alternate. Words no entry uses count
 *    against every entry: an off-topic question is mostly such words.
 * 3. Confidence (`score`): both the similarity and its lead over the runner-up must be large enough
 *    (DEFAULT_TUNING.minSimilarity, .minMargin at the default threshold 0.35), so that a question two
 *    entries explain equally well gets no answer. Below the configured threshold the assistant says
 *    NO_MATCH: a wrong answer is worse than none.
 */

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  alternates?: string[];
}

export interface FaqMatch {
  entry: FaqEntry;
  /**
   * Confidence 0-1 that this entry answers the question (for the first match: similarity and its lead
   * over the runner-up; for the others: similarity alone, capped at the first's score).
   */
  score: number;
  /** Similarity 0-1 before the margin over the runner-up is taken into account. */
  similarity: number;
  /**
   * Whether the entry shares a content term with the question (a concept, a word, a Chinese word of
   * two or more characters; not a number or a menu word). An entry that does not has confidence 0.
   */
  grounded: boolean;
}

/** A compact candidate, as kept in a missed-question record. */
export interface FaqCandidate {
  faqId: string;
  /** Similarity 0-1 (not the confidence: every candidate but the first would be 0 there). */
  score: number;
}

/** The outcome of one question: the answer to speak (or null for NO_MATCH) and the top candidates. */
export interface FaqDecision {
  match: FaqMatch | null;
  candidates: FaqCandidate[];
}

/** The retrieval's constants, tuned on scripts/eval/tuning.json and the CLINC150 validation split. */
export interface FaqTuning {
  /** Weight of a term found only in an entry's answer, relative to one in its question or alternates. */
  answerWeight: number;
  /** Weight of a thesaurus concept term relative to a word of the same rarity. */
  conceptWeight: number;
  /** Weight of a word no entry uses, relative to the rarest word the FAQ uses. */
  oovWeight: number;
  /** Share of the similarity that comes from coverage; the rest is the best single-sentence cosine. */
  coverageShare: number;
  /** Similarity the top entry needs to be answered at the default threshold. */
  minSimilarity: number;
  /** Lead over the runner-up's similarity the top entry needs to be answered at the default threshold. */
  minMargin: number;
  /** Weight of an everyday word no entry uses (LIGHT_WORDS), relative to another such word. */
  lightWeight: number;
}

/**
 * Chosen on the tuning set and CLINC150's validation split (scripts/eval/grid.ts): the most correct
 * answers where a wrong or off-topic answer costs ten correct ones.
 */
export const DEFAULT_TUNING: FaqTuning = {
  answerWeight: 0.7,
  conceptWeight: 1.5,
  oovWeight: 3,
  lightWeight: 0.15,
  coverageShare: 0.8,
  minSimilarity: 0.32,
  minMargin: 0.16,
};

/** The schema's default assistant.threshold: the confidence at which the tuned operating point sits. */
export const DEFAULT_THRESHOLD = 0.35;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** `OTHER_TRADES` as terms (English words stemmed as questions are), by trade. */
const TRADES = Object.values(OTHER_TRADES).map((ws) => new Set(ws.map((w) => (CJK.test(w) ? w : stem(w)))));
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

export function isChinese(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh');
}

/** Latin words of a normalized text, spoken forms rewritten ("u" -> "you", "won't" -> "not"). */
function rawWords(normalized: string): string[] {
  return (normalized.match(/[a-z0-9]+/g) ?? []).map((w) => EN_SPOKEN[w] ?? w);
}

/** Stemmed words, for thesaurus matching (stop words kept: "how long", "come out"). */
function words(normalized: string): string[] {
  return rawWords(normalized).map(stem);
}

const conceptTriggers = Object.entries(CONCEPTS)
  .flatMap(([name, { en, zh }]) => [
    ...en.map((t) => ({ token: `@${name}`, en: words(normalize(t)), zh: '' })),
    ...zh.map((t) => ({ token: `@${name}`, en: [] as string[], zh: t })),
  ])
  .filter((t) => t.en.length > 0 || t.zh.length > 0)
  // Longest first: a phrase claims its words before a single word can ("pay extra" is a cost, not a payment).
  .sort((a, b) => b.en.length + b.zh.length - (a.en.length + a.zh.length));

interface ConceptHits {
  tokens: string[];
  /** Per English word: whether a thesaurus phrase explains it. */
  usedWord: boolean[];
  /** Per character of the normalized text: whether a Chinese thesaurus phrase explains it. */
  usedChar: boolean[];
}

/**
 * Concept terms (`@deliver`) for the phrasings in the text that the thesaurus knows. Each word (or
 * Chinese character) belongs to the longest phrase that matches it; a concept claims it once.
 */
function concepts(ws: string[], normalized: string): ConceptHits {
  const out = new Set<string>();
  const usedWord = new Array<boolean>(ws.length).fill(false);
  const usedChar = new Array<boolean>(normalized.length).fill(false);
  for (const c of conceptTriggers) {
    if (c.en.length > 0) {
      outer: for (let i = 0; i + c.en.length <= ws.length; i++) {
        for (let j = 0; j < c.en.length; j++) if (ws[i + j] !== c.en[j] || usedWord[i + j]) continue outer;
        for (let j = 0; j < c.en.length; j++) usedWord[i + j] = true;
        out.add(c.token);
      }
    } else {
      for (let at = normalized.indexOf(c.zh); at >= 0; at = normalized.indexOf(c.zh, at + 1)) {
        let free = true;
        for (let j = at; j < at + c.zh.length; j++) if (usedChar[j]) free = false;
        if (!free) continue;
        for (let j = at; j < at + c.zh.length; j++) usedChar[j] = true;
        out.add(c.token);
      }
    }
  }
  return { tokens: [...out], usedWord, usedChar };
}

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Single-edit deletions of a word, for typo look-up (SymSpell's idea, distance 1). */
function deletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** Whether two different words are one insertion, deletion, substitution or adjacent transposition apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The names an answer lists, as terms: capitalized words inside a sentence ("Evanston", "Sub-Zero",
 * "Delta Dental"). A caller who names one asks about that entry as surely as with a question's words,
 * so they count as fully (not at `answerWeight`). Words a thesaurus concept explains ("Saturday") are
 * left to the concept. Chinese has no capitals; items of a 、 list were tried and are as often common
 * nouns (空调、热水器) as names, which cost as many answers as they gained on the tuning set.
 */
const MID_SENTENCE_NAME = /(?<![.!?:]\s*)(?<=\s)([A-Z][A-Za-z]+(?:[- ][A-Z][A-Za-z]+)*)/g;

function names(answer: string, locale: string): string[] {
  const out: string[] = [];
  // Plain terms only: not a concept (@), a concept-explained word (=) or a bigram (~).
  for (const m of answer.normalize('NFKC').matchAll(MID_SENTENCE_NAME))
    out.push(...terms(m[1]!, locale).filter((t) => /^[a-z0-9]/.test(t)));
  return out;
}

/** Words the speller may correct to: every Latin word of the FAQ and of the thesaurus. */
class Speller {
  private readonly known = new Set<string>();
  private readonly byDeletion = new Map<string, string>();

  constructor(texts: string[]) {
    const vocab = [
      ...texts.flatMap((t) => rawWords(normalize(t))),
      ...Object.keys(EN_CANON),
      ...Object.values(CONCEPTS).flatMap((c) => c.en.flatMap((t) => rawWords(normalize(t)))),
    ];
    for (const w of vocab) this.known.add(w);
    for (const w of this.known) {
      if (w.length < 5 || /\d/.test(w)) continue;
      for (const d of deletions(w)) if (!this.byDeletion.has(d)) this.byDeletion.set(d, w);
      if (!this.byDeletion.has(w)) this.byDeletion.set(w, w);
    }
  }

  /**
   * The known word within one edit (insertion, deletion, substitution, transposition), or the word.
   * Two words that share a deletion can be two edits apart ("chance" and "cancel" both give "cance"),
   * so a candidate is checked before it is taken.
   */
  correct(w: string): string {
    if (w.length < 5 || this.known.has(w) || EN_STOP.has(w) || /\d/.test(w)) return w;
    const direct = this.byDeletion.get(w);
    if (direct && oneEditApart(w, direct)) return direct;
    for (const d of deletions(w)) {
      const hit = this.byDeletion.get(d);
      if (hit && oneEditApart(w, hit)) return hit;
    }
    return w;
  }
}

/**
 * Terms of a text: concept terms (`@cost`), content words (stemmed), and for Chinese segmenter words
 * plus character bigrams (`~退款`). A word that a thesaurus phrase explains is marked soft (`=word`): it
 * counts where the FAQ uses it, but is no evidence of another topic where it does not. `speller`
 * corrects English misspellings and `known` tells the FAQ's terms (questions only).
 */
export function terms(
  text: string,
  locale: string,
  speller?: { correct(w: string): string },
  known?: (term: string) => boolean,
): string[] {
  const t = normalize(text);
  const raw = rawWords(t).map((w) => (speller ? speller.correct(w) : w));
  const ws = raw.map(stem);
  const hits = concepts(ws, t);
  const out: string[] = [...hits.tokens];
  // Latin words appear in Chinese text too (model numbers, "APP"); treat them the English way.
  raw.forEach((w, i) => {
    if (EN_STOP.has(w) || EN_STOP.has(ws[i]!) || (w.length < 2 && !/\d/.test(w))) return;
    out.push(hits.usedWord[i] ? `=${ws[i]}` : ws[i]!);
  });
  if (isChinese(locale) || CJK.test(t)) {
    for (const seg of zhSegmenter.segment(t)) {
      if (!seg.isWordLike || !CJK.test(seg.segment) || ZH_STOP.has(seg.segment)) continue;
      // The segmenter splits names it does not know (滨江 -> 滨 江): a single character that is part of
      // a bigram the FAQ knows is carried by that bigram.
      const at = seg.index;
      let explained =
        seg.segment.length === 1 &&
        !!known &&
        (known(`~${t.slice(at - 1, at + 1)}`) || known(`~${t.slice(at, at + 2)}`));
      if (!explained && seg.segment.length > 1) {
        explained = true;
        for (let j = seg.index; j < seg.index + seg.segment.length; j++)
          if (!hits.usedChar[j]) explained = false;
      }
      out.push(explained ? `=${seg.segment}` : seg.segment);
    }
    // Bigrams over the raw text ("美的" is a brand even though "的" alone is a particle).
    for (const run of t.match(CJK_RUN) ?? []) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++)
        if (!ZH_STOP.has(chars[i]!) || !ZH_STOP.has(chars[i + 1]!)) out.push(`~${chars[i]}${chars[i + 1]}`);
    }
  }
  return out;
}

/**
 * Whether a term can ground an answer: a thesaurus concept, an English word, a Chinese word of two or
 * more characters (or a bigram). Numbers, menu words ("press", "选") and lone Chinese characters are
 * too common in answers to be the only evidence: "3", "press 1" or "行" must not pick the entry whose
 * answer happens to hold them.
 */
function isContent(term: string): boolean {
  if (isNumberTerm(term)) return false;
  const k = key(term);
  if (k.startsWith('@')) return true;
  const bare = k.replace(/^~/, '');
  if (MENU_WORDS.has(bare)) return false;
  return !CJK.test(bare) || [...bare].length >= 2;
}

/**
 * English number words the FAQ uses inside a hyphenated name ("Sub-Zero", "7-Eleven"): there they are
 * part of a name and weigh as words (still not enough on their own to ground an answer).
 */
function numberNameParts(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts)
    for (const m of normalize(t).matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)) {
      const parts = m[0].split('-');
      if (parts.some((p) => !isNumberTerm(p))) for (const p of parts) if (isNumberTerm(p)) out.add(p);
    }
  return out;
}

type Vector = Map<string, number>;

/** What `FaqIndex.analyze` finds: per entry (in entry order) and for the whole question. */
export interface Analysis {
  /** Similarity 0-1 per entry. */
  sims: number[];
  /** Share of the question's weight found in the entry's question or alternates. */
  asked: number[];
  /** Share of the question's weight found only in the entry's answer. */
  answered: number[];
  /** Share of the question's weight in words no entry uses. */
  oov: number;
  /** The question's terms with their weights. */
  terms: Map<string, number>;
}

/** A term without its soft mark. */
const key = (t: string) => (t.startsWith('=') ? t.slice(1) : t);

const DIGITS = /^\d+(?:[a-z]{1,2})?$/; // 3, 500, 2nd, 9am
const ZH_NUMERAL = /^第?[零〇一二两三四五六七八九十百千万亿]+$/;

/**
 * Whether a term (as `terms` makes it: plain, soft `=` or bigram `~`) is only a number: digits
 * ("3", "9am"), an English number word ("twelve") or Chinese numerals ("三", "十二"). A number is what a
 * caller says to a menu or in passing, while answers are full of prices, days and hours, so a number
 * is never evidence for or against an entry (field case: "3" was answered with the delivery FAQ).
 */
export function isNumberTerm(term: string): boolean {
  const k = key(term).replace(/^~/, '');
  return DIGITS.test(k) || EN_NUMBER_WORDS.has(k) || ZH_NUMERAL.test(k);
}

interface IndexedEntry {
  entry: FaqEntry;
  /** Terms of the question and alternates. */
  asked: Set<string>;
  /** Terms of the answer. */
  answered: Set<string>;
  /** One unit tf-idf vector per question and alternate. */
  sentences: Vector[];
}

export class FaqIndex {
  private readonly idf = new Map<string, number>();
  private readonly oovIdf: number;
  private readonly docs: IndexedEntry[];
  private readonly speller: Speller;
  /** Words of the trades (`OTHER_TRADES`) this FAQ does not serve: naming one is asking somewhere else. */
  private readonly foreignWords: Set<string>;
  /** Numbers that weigh as words: in a name (Sub-Zero) or in a question or alternate (see `weight`). */
  private readonly namedNumbers: Set<string>;

  constructor(
    readonly entries: FaqEntry[],
    readonly locale: string,
    private readonly tuning: FaqTuning = DEFAULT_TUNING,
  ) {
    const texts = entries.flatMap((e) => [e.question, ...(e.alternates ?? []), e.answer]);
    this.speller = new Speller(texts);
    const plain = (text: string) => terms(text, locale).map(key);
    const parts = entries.map((e) => ({
      sentences: [e.question, ...(e.alternates ?? [])].map(plain),
      answer: plain(e.answer),
    }));
    this.namedNumbers = numberNameParts(texts);
    for (const p of parts) for (const t of p.sentences.flat()) if (isNumberTerm(t)) this.namedNumbers.add(t);
    // Document frequency counts each entry once, over all of its text.
    const df = new Map<string, number>();
    for (const p of parts)
      for (const t of new Set([...p.sentences.flat(), ...p.answer])) df.set(t, (df.get(t) ?? 0) + 1);
    const n = entries.length;
    for (const [t, f] of df) this.idf.set(t, Math.log(1 + n / f));
    this.oovIdf = Math.log(1 + n) * tuning.oovWeight;
    // A trade the FAQ serves (two or more of its words) is the business's own; the others' words are foreign.
    this.foreignWords = new Set(
      TRADES.filter((trade) => [...trade].filter((w) => df.has(w) || df.has(`~${w}`)).length < 2).flatMap(
        (trade) => [...trade],
      ),
    );
    this.docs = entries.map((entry, i) => {
      const p = parts[i]!;
      return {
        entry,
        asked: new Set([...p.sentences.flat(), ...names(entry.answer, locale)]),
        answered: new Set(p.answer),
        sentences: p.sentences.map((s) => this.vector(s)),
      };
    });
  }

  /**
   * Weight of one query term. A term no entry uses weighs against every entry (an off-topic question is
   * mostly such words), less so when it is an everyday word (LIGHT_WORDS), not at all when it is a
   * character bigram (segmentation noise) or a word a thesaurus concept already explains. A number
   * weighs nothing (`isNumberTerm`): answers are full of prices and days. It weighs as a word only
   * where the FAQ makes it part of what is asked: in a name ("Sub-Zero") or in a question or alternate
   * ("What about plan 2?"). Even then it cannot ground an answer alone (`isContent`).
   */
  private weight(t: string): number {
    if (isNumberTerm(t) && !this.namedNumbers.has(key(t))) return 0;
    const k = key(t);
    const idf = this.idf.get(k);
    if (idf !== undefined) return idf * (k.startsWith('@') ? this.tuning.conceptWeight : 1);
    if (t.startsWith('~') || t.startsWith('=')) return 0;
    return LIGHT_WORDS.has(t) ? this.oovIdf * this.tuning.lightWeight : this.oovIdf;
  }

  private vector(ts: string[]): Vector {
    const v: Vector = new Map();
    let norm = 0;
    for (const t of new Set(ts)) {
      const w = this.weight(t);
      if (w === 0) continue;
      v.set(key(t), w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }

  /**
   * The evidence for every entry (empty when the question has no terms): similarity 0-1 in entry order,
   * and the coverage parts the confidence reads.
   */
  analyze(question: string): Analysis | null {
    const q = this.vector(terms(question, this.locale, this.speller, (t) => this.idf.has(t)));
    if (q.size === 0) return null;
    let total = 0;
    let oov = 0;
    const raw = new Map<string, number>();
    for (const t of q.keys()) {
      const w = this.weight(t);
      raw.set(t, w);
      total += w;
      if (!this.idf.has(key(t))) oov += w;
    }
    const n = this.docs.length;
    const sims = new Array<number>(n);
    const asked = new Array<number>(n);
    const answered = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const d = this.docs[i]!;
      let a = 0;
      let b = 0;
      for (const [t, w] of raw) {
        const k = key(t);
        if (d.asked.has(k)) a += w;
        else if (d.answered.has(k)) b += w;
      }
      let cos = 0;
      for (const s of d.sentences) {
        let dot = 0;
        for (const [t, w] of q) dot += w * (s.get(t) ?? 0);
        if (dot > cos) cos = dot;
      }
      const share = this.tuning.coverageShare;
      sims[i] = share * ((a + b * this.tuning.answerWeight) / total) + (1 - share) * cos;
      asked[i] = a / total;
      answered[i] = b / total;
    }
    return { sims, asked, answered, oov: oov / total, terms: raw };
  }

  /** Whether entry `i` (entry order) has the term in its question, alternates or answer. */
  covers(i: number, term: string): boolean {
    const d = this.docs[i]!;
    const k = key(term);
    return d.asked.has(k) || d.answered.has(k);
  }

  /**
   * Whether the question names another kind of business or service (`OTHER_TRADES`) that this FAQ
   * neither uses nor serves: then it is about somewhere else, and no entry is grounded.
   */
  private elsewhere(questionTerms: Iterable<string>): boolean {
    for (const t of questionTerms) {
      const k = key(t).replace(/^~/, '');
      if (this.foreignWords.has(k) && !this.idf.has(k) && !this.idf.has(`~${k}`)) return true;
    }
    return false;
  }

  /** Whether entry `i` shares with the question at least one term that can ground an answer (`isContent`). */
  private grounded(i: number, questionTerms: Iterable<string>): boolean {
    for (const t of questionTerms) if (isContent(t) && this.covers(i, t)) return true;
    return false;
  }

  /** Similarity 0-1 of every entry to the question, in entry order (empty when it has no terms). */
  similarities(question: string): number[] {
    return this.analyze(question)?.sims ?? [];
  }

  /**
   * Entries ranked by similarity, best first, at most `limit`. The first one's `score` is its confidence,
   * what the assistant compares with its threshold. The others cannot lead the first, so their `score`
   * is their similarity evidence alone, capped at the first's score (0 when not `grounded`). With
   * `provider: bedrock` the grounded ones are the candidates a model may choose from.
   */
  search(question: string, limit = 3): FaqMatch[] {
    const a = this.analyze(question);
    if (!a) return [];
    const order = a.sims.map((s, i) => [s, i] as const).sort((x, y) => y[0] - x[0]);
    const [bestSim, bestIndex] = order[0]!;
    // Without a content word in common, no confidence: numbers and menu words are not evidence. A
    // question about another kind of business has none either.
    const best =
      !this.elsewhere(a.terms.keys()) && this.grounded(bestIndex, a.terms.keys())
        ? confidence(bestSim, order[1]?.[0] ?? 0, this.tuning)
        : 0;
    return order.slice(0, limit).map(([sim, i]) => {
      const grounded = sim > 0 && this.grounded(i, a.terms.keys());
      return {
        entry: this.entries[i]!,
        similarity: sim,
        score: i === bestIndex ? best : grounded ? Math.min(best, confidence(sim, 0, this.tuning)) : 0,
        grounded,
      };
    });
  }

  /** The answer to speak (null below `threshold`: NO_MATCH) and the top candidates with similarities. */
  decide(question: string, threshold: number, limit = 3): FaqDecision {
    const matches = this.search(question, limit);
    const top = matches[0];
    return {
      match: top && top.score >= threshold ? top : null,
      candidates: toCandidates(matches),
    };
  }
}

/** Features of the top entry for the confidence model (scripts/eval/fit.ts), or null without terms. */
export function featuresOf(index: FaqIndex, question: string): { top: string; x: number[] } | null {
  const a = index.analyze(question);
  if (!a) return null;
  let t = 0;
  let s2 = 0;
  a.sims.forEach((s, i) => {
    if (s > a.sims[t]!) t = i;
  });
  a.sims.forEach((s, i) => {
    if (i !== t && s > s2) s2 = s;
  });
  const s1 = a.sims[t]!;
  const strong = [...a.terms.keys()].filter((k) => !k.startsWith('~') && !k.startsWith('='));
  const missed = strong.filter((k) => !index.covers(t, k)).length;
  return {
    top: index.entries[t]!.id,
    x: [s1, s1 - s2, a.asked[t]!, a.answered[t]!, a.oov, missed, strong.length ? missed / strong.length : 0],
  };
}

/**
 * Confidence 0-1 from a similarity and the best other entry's similarity: the lesser of the two
 * evidences, each scaled so that DEFAULT_THRESHOLD is reached exactly at `minSimilarity` and at
 * `minMargin`. A threshold above the default asks proportionally more of both.
 */
function confidence(sim: number, other: number, tuning: FaqTuning): number {
  if (sim <= 0) return 0;
  const bySimilarity = sim / tuning.minSimilarity;
  const byMargin = Math.max(0, sim - other) / tuning.minMargin;
  return Math.min(1, DEFAULT_THRESHOLD * Math.min(bySimilarity, byMargin));
}

/** Candidates as kept in a missed-question record: `{ faqId, score }` with the similarity, 3 decimals. */
export function toCandidates(matches: FaqMatch[]): FaqCandidate[] {
  return matches.map((m) => ({ faqId: m.entry.id, score: Number(m.similarity.toFixed(3)) }));
}
