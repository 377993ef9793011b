import { CONCEPTS } from './lexicon.ts';

/**
 * FAQ retrieval for the assistant: TF-IDF cosine similarity over the question, its alternates and the
 * answer. English is split into words with light stemming; Chinese has no spaces, so it is cut into
 * words with Intl.Segmenter and also into character bigrams, which survive segmentation mistakes.
 */

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  alternates?: string[];
}

export interface FaqMatch {
  entry: FaqEntry;
  /** Cosine similarity, 0-1. */
  score: number;
}

const EN_STOP = new Set(
  (
    'a an the i me my we our you your it its is are was were be been am do does did doing have has had ' +
    'to of in on at for with from by about as into and or but if so than then this that these those there ' +
    'what which who whom whose when where why how can could would should will shall may might must ' +
    'please hi hello hey thanks thank just any some get got one also very really much many more most ' +
    'not no yes up out off over again still ever need want like know tell let us im ive id dont'
  ).split(' '),
);

const ZH_STOP = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 嘛 我 你 您 他 她 它 们 我们 你们 是 在 有 和 跟 与 就 都 也 还 要 想 请 请问 ' +
    '怎么 怎样 怎么样 如何 什么 哪 哪里 哪儿 多少 几 能 能不能 可以 可不可以 会 一下 一个 这 那 这个 那个 ' +
    '个 吗？ 么 为 为什么 给 让 被 把 对 到 从 上 下 里 中 没 没有 不 好 嗯 喂 麻烦 问 问一下 知道'
  ).split(' '),
);

/** A few spelling-level equivalences, so that "fridge" finds "refrigerator". Generic, not per business. */
const EN_CANON: Record<string, string> = {
  refrigerator: 'fridge',
  refrigerators: 'fridge',
  fridges: 'fridge',
  freezer: 'freezer',
  washing: 'washer',
  washer: 'washer',
  price: 'cost',
  prices: 'cost',
  priced: 'cost',
  charge: 'cost',
  charges: 'cost',
  fee: 'cost',
  fees: 'cost',
  expensive: 'cost',
  cheap: 'cost',
  refund: 'return',
  refunds: 'return',
  shipping: 'deliver',
  ship: 'deliver',
  shipped: 'deliver',
  arrive: 'deliver',
  arrival: 'deliver',
  fix: 'repair',
  fixed: 'repair',
  fixing: 'repair',
  broken: 'repair',
  technician: 'repair',
  engineer: 'repair',
  guarantee: 'warranty',
  guaranteed: 'warranty',
  location: 'address',
  located: 'address',
  showroom: 'store',
  shop: 'store',
  open: 'hour',
  opening: 'hour',
  close: 'hour',
  closing: 'hour',
  installment: 'financ',
  installments: 'financ',
  instalments: 'financ',
  finance: 'financ',
  financing: 'financ',
  loan: 'financ',
};

function stem(word: string): string {
  if (EN_CANON[word]) return EN_CANON[word];
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('es') && /(sh|ch|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ery')) w = w.slice(0, -1);
  return EN_CANON[w] ?? w;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function words(normalized: string): string[] {
  return (normalized.match(/[a-z0-9]+/g) ?? []).map(stem);
}

/** True when `needle` occurs in `hay` as consecutive words. */
function hasSequence(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const conceptTriggers = Object.entries(CONCEPTS).map(([name, { en, zh }]) => ({
  token: `@${name}`,
  en: en.map((t) => words(normalize(t))),
  zh,
}));

/** Concept terms (`@deliver`) for the phrasings in the text that the service thesaurus knows. */
function concepts(normalized: string): string[] {
  const ws = words(normalized);
  const out: string[] = [];
  for (const c of conceptTriggers) {
    if (c.en.some((t) => t.length > 0 && hasSequence(ws, t)) || c.zh.some((t) => normalized.includes(t)))
      out.push(c.token);
  }
  return out;
}

export function isChinese(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh');
}

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’']/g, '');
}

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Terms of a text: concept terms, words, and for Chinese segmenter words plus character bigrams. */
export function terms(text: string, locale: string): string[] {
  const t = normalize(text);
  const out: string[] = concepts(t);
  // Latin words appear in Chinese text too (model numbers, "APP"); treat them the English way.
  for (const m of t.matchAll(/[a-z0-9]+/g)) {
    const w = m[0];
    if (!EN_STOP.has(w) && (w.length > 1 || /\d/.test(w))) out.push(stem(w));
  }
  if (isChinese(locale) || CJK.test(t)) {
    for (const seg of zhSegmenter.segment(t)) {
      if (!seg.isWordLike || !CJK.test(seg.segment)) continue;
      if (!ZH_STOP.has(seg.segment)) out.push(seg.segment);
    }
    for (const run of t.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) {
      const chars = [...run].filter((c) => !ZH_STOP.has(c));
      for (let i = 0; i + 1 < chars.length; i++) out.push(`~${chars[i]}${chars[i + 1]}`);
    }
  }
  return out;
}

type Vector = Map<string, number>;

/** Weight of a query word no FAQ entry uses, relative to the rarest known word (measured by eval:assistant). */
const OOV_WEIGHT = 2;
/** Weight of a thesaurus concept relative to a plain word. */
const CONCEPT_WEIGHT = 3;
/** The whole entry (answer included) alone counts a little less than a matching question. */
const WHOLE_MAX = 0.85;
/** Share of the score that always comes from the whole entry, so the answer's facts count too. */
const BLEND = 0.4;

function counts(ts: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

export class FaqIndex {
  private readonly idf = new Map<string, number>();
  private readonly docs: Array<{ entry: FaqEntry; vectors: Vector[] }>;

  constructor(
    readonly entries: FaqEntry[],
    readonly locale: string,
  ) {
    // Document frequency counts each entry once, over all of its text.
    const entryTerms = entries.map((e) =>
      terms([e.question, ...(e.alternates ?? []), e.answer].join(' \n '), locale),
    );
    const df = new Map<string, number>();
    for (const ts of entryTerms) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
    const n = entries.length;
    for (const [t, f] of df) this.idf.set(t, Math.log(1 + n / f));
    this.docs = entries.map((entry) => ({
      entry,
      vectors: [
        ...[entry.question, ...(entry.alternates ?? [])].map((q) => this.vector(terms(q, locale))),
        // The whole entry, answer included, catches questions phrased with the answer's words.
        this.vector(terms([entry.question, ...(entry.alternates ?? []), entry.answer].join(' \n '), locale)),
      ],
    }));
  }

  private vector(ts: string[], scale = 1): Vector {
    const v: Vector = new Map();
    let norm = 0;
    for (const [t, c] of counts(ts)) {
      const idf = this.idf.get(t);
      // A character bigram nobody's FAQ has is segmentation noise, not evidence of another topic.
      if (idf === undefined && t.startsWith('~')) continue;
      // Words no FAQ entry uses still count against a match, but less than known ones: a paraphrase
      // carries filler words, an off-topic question carries nothing else.
      const base = idf ?? Math.log(1 + this.entries.length) * OOV_WEIGHT;
      const w = (1 + Math.log(c)) * base * (t.startsWith('@') ? CONCEPT_WEIGHT : 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, (w / norm) * scale);
    return v;
  }

  /** Entries ranked by score, best first. */
  search(question: string, limit = 3): FaqMatch[] {
    const q = this.vector(terms(question, this.locale));
    if (q.size === 0) return [];
    const scored = this.docs.map(({ entry, vectors }) => {
      const dots = vectors.map((v) => {
        let dot = 0;
        for (const [t, w] of q) dot += w * (v.get(t) ?? 0);
        return dot;
      });
      const whole = dots.pop() ?? 0;
      const best = Math.max(0, ...dots);
      const score = Math.max(best, whole * WHOLE_MAX) * (1 - BLEND) + BLEND * whole;
      return { entry, score: Math.min(1, score) };
    });
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

/** Whether the caller's words contain an urgent keyword (word-wise in English, substring in Chinese). */
export function findUrgentKeyword(text: string, keywords: string[]): string | null {
  const t = normalize(text);
  const ws = words(t);
  for (const k of keywords) {
    const nk = normalize(k);
    if (CJK.test(nk)) {
      if (t.includes(nk)) return k;
      continue;
    }
    const kw = words(nk);
    if (kw.length === 0) continue;
    // Each keyword word in order, allowing up to three words between them ("smells a lot like gas").
    for (let i = 0; i < ws.length; i++) {
      if (ws[i] !== kw[0]) continue;
      let pos = i;
      let ok = true;
      for (let j = 1; j < kw.length && ok; j++) {
        const found = ws.slice(pos + 1, pos + 5).indexOf(kw[j]!);
        if (found < 0) ok = false;
        else pos = pos + 1 + found;
      }
      if (ok) return k;
    }
  }
  return null;
}
