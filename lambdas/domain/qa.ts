/**
 * The weekly QA sample: a handful of recorded calls picked for a person to listen to, stratified so the
 * review sees the worst and the unusual, not only the typical (low CSAT, longest handle, after hours or
 * the assistant, then random), and deterministic for a seed so a review can be reproduced.
 */
import { type ContactRecord, contactResult, handleSeconds, isCallbackLeg } from './records.ts';

export type QaStratum = 'low-csat' | 'longest-handle' | 'after-hours-or-assistant' | 'random';

export interface QaPick {
  contactId: string;
  stratum: QaStratum;
  initiatedAt?: string;
  category?: string;
  result: string;
  csat?: number;
  handleSeconds?: number;
  recordingKey?: string;
  shift?: string;
}

export interface QaOptions {
  /** How many calls (5-10; default 8). */
  size?: number;
  /** Any string: the same seed and records give the same sample (default: 'qa'). */
  seed?: string;
  /** CSAT by contact when it lives outside the record (survey items). */
  csatOf?: (contactId: string) => number | undefined;
  /** Whether a record was after hours (default: its shift is after-hours or it went to the assistant). */
  afterHours?: (r: ContactRecord) => boolean;
}

/** mulberry32 over a 32-bit FNV-1a hash of the seed: small, fast, and the same everywhere. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let s = h >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Picks the sample: up to 2 calls rated 1-2 (lowest first), the 2 longest handles, up to 2 after-hours
 * or assistant calls, and random calls to fill `size`. Only calls a person or the assistant handled are
 * eligible (those are recorded); each call appears once.
 * @throws RangeError when size is outside 5-10.
 */
export function selectQaSample(records: ContactRecord[], options: QaOptions = {}): QaPick[] {
  const size = options.size ?? 8;
  if (!Number.isInteger(size) || size < 5 || size > 10)
    throw new RangeError('the QA sample holds 5 to 10 calls');
  const random = seededRandom(options.seed ?? 'qa');
  const csat = (r: ContactRecord) => options.csatOf?.(r.contactId) ?? r.csat;
  const afterHours =
    options.afterHours ??
    ((r: ContactRecord) =>
      r.shift?.startsWith('after-hours') === true || contactResult(r).kind === 'assistant');
  const eligible = shuffle(
    records
      .filter((r) => !isCallbackLeg(r))
      .filter((r) => ['agent', 'assistant', 'on-call', 'callback'].includes(contactResult(r).kind))
      .sort((a, b) => a.contactId.localeCompare(b.contactId)),
    random,
  );
  const picked = new Map<string, QaPick>();
  const take = (list: ContactRecord[], stratum: QaStratum, n: number) => {
    for (const r of list) {
      if (n <= 0 || picked.size >= size) return;
      if (picked.has(r.contactId)) continue;
      const c = csat(r);
      const h = handleSeconds(r);
      picked.set(r.contactId, {
        contactId: r.contactId,
        stratum,
        result: contactResult(r).kind,
        ...(r.initiatedAt ? { initiatedAt: r.initiatedAt } : {}),
        ...(r.category ? { category: r.category } : {}),
        ...(c !== undefined ? { csat: c } : {}),
        ...(h !== undefined ? { handleSeconds: Math.round(h) } : {}),
        ...(r.recordingKey ? { recordingKey: r.recordingKey } : {}),
        ...(r.shift ? { shift: r.shift } : {}),
      });
      n--;
    }
  };
  // A stable sort keeps the shuffled order among equals, so ties break by the seed.
  take(
    eligible.filter((r) => (csat(r) ?? 5) <= 2).sort((a, b) => csat(a)! - csat(b)!),
    'low-csat',
    2,
  );
  take(
    eligible
      .filter((r) => handleSeconds(r) !== undefined)
      .sort((a, b) => handleSeconds(b)! - handleSeconds(a)!),
    'longest-handle',
    2,
  );
  take(eligible.filter(afterHours), 'after-hours-or-assistant', 2);
  take(eligible, 'random', size);
  return [...picked.values()];
}

/** The start of a transcript, cut at a word boundary near `max` characters. */
export function excerpt(transcript: string, max = 240): string {
  const text = transcript.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
