/**
 * SMS encoding and segments (3GPP TS 23.038 alphabet, TS 23.040 concatenation). A text made only of
 * GSM-7 characters travels as GSM-7: 160 characters in one segment, 153 per segment when split (the
 * concatenation header takes 7); the extension characters (`^ { } [ ] ~ \ | €`) count twice. One
 * character outside GSM-7 (a curly apostrophe, a narrow no-break space, any Chinese) turns the whole
 * text into UCS-2: 70 UTF-16 units in one segment, 67 per segment when split. Each segment is billed
 * as one message.
 */
import { messages } from '../shared/messages.ts';
import { speakableTime } from './time.ts';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Characters as the network counts them: GSM-7 septets, or UCS-2 (UTF-16) code units. */
  units: number;
  segments: number;
  /** Distinct characters that are not in GSM-7 (empty for a GSM-7 text), in order of appearance. */
  nonGsm: string[];
}

/** Whether a single character (code point) is in the GSM-7 alphabet, basic or extension table. */
export function isGsmCharacter(c: string): boolean {
  return BASIC.has(c) || EXTENSION.has(c);
}

/** Distinct characters of `text` that GSM-7 lacks, in order of appearance. */
export function nonGsmCharacters(text: string): string[] {
  return [...new Set([...text].filter((c) => !isGsmCharacter(c)))];
}

/**
 * Encoding, length and segment count of one SMS. A split never cuts an escape sequence (GSM-7) or a
 * surrogate pair (UCS-2), as handsets and gateways do; so segments are packed greedily by character.
 */
export function countSms(text: string): SmsCount {
  const nonGsm = nonGsmCharacters(text);
  const gsm = nonGsm.length === 0;
  const sizes = [...text].map((c) => (gsm ? (EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = sizes.reduce((a, b) => a + b, 0);
  const single = gsm ? 160 : 70;
  const per = gsm ? 153 : 67;
  let segments = units === 0 ? 1 : 0;
  if (units > 0 && units <= single) segments = 1;
  else if (units > single) {
    let used = per;
    for (const n of sizes) {
      if (used + n > per) {
        segments++;
        used = 0;
      }
      used += n;
    }
  }
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments, nonGsm };
}

const NAMES: Record<string, string> = {
  '\u2018': 'LEFT SINGLE QUOTATION MARK',
  '\u2019': 'RIGHT SINGLE QUOTATION MARK',
  '\u201C': 'LEFT DOUBLE QUOTATION MARK',
  '\u201D': 'RIGHT DOUBLE QUOTATION MARK',
  '\u2013': 'EN DASH',
  '\u2014': 'EM DASH',
  '\u2026': 'HORIZONTAL ELLIPSIS',
  '\u00A0': 'NO-BREAK SPACE',
  '\u202F': 'NARROW NO-BREAK SPACE',
  '\u2022': 'BULLET',
  '\u00B4': 'ACUTE ACCENT',
  '`': 'GRAVE ACCENT',
};
const PLAIN: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u202F': ' ',
  '\u2022': '-',
  '\u00B4': "'",
  '`': "'",
};

/** `’ (U+2019 RIGHT SINGLE QUOTATION MARK)`: a character named so that a reader can find it. */
export function describeCharacter(c: string): string {
  const cp = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = /\s/.test(c) ? '' : `${c} `;
  return `${shown}(${cp}${NAMES[c] ? ` ${NAMES[c]}` : ''})`;
}

/** The GSM-7 look-alike of a typographic character (’ → '), or undefined when there is none. */
export function plainEquivalent(c: string): string | undefined {
  return PLAIN[c];
}

/** Replaces typographic look-alikes (curly quotes, dashes, no-break spaces) by their GSM-7 forms. */
export function toGsmLookalikes(text: string): string {
  return [...text].map((c) => PLAIN[c] ?? c).join('');
}

/** One SMS the line can send, filled with the longest values it can carry. */
export interface SmsTemplateCount {
  /** `confirmation` (the ticket and the callback promise, to the caller), `page` (urgent, to on-call). */
  template: 'confirmation' | 'page';
  locale: string;
  /** The text with worst-case values: longest spoken due time of the week, longest numbers. */
  worstCase: string;
  count: SmsCount;
  /** The text also carries the caller's own words (the page's summary): its encoding is theirs. */
  callerText: boolean;
  /** Characters outside GSM-7 and where they come from (`template` or `business.name`). */
  forcedBy: Array<{ char: string; source: 'template' | 'business.name' }>;
}

export interface SmsLine {
  businessName: string;
  locale: string;
  timezone: string;
}

/** The longest "Wednesday 12:59 PM" the confirmation can promise in this zone and locale. */
function longestDue(line: SmsLine): string {
  let best = '';
  const monday = Date.UTC(2026, 10, 23, 0, 59);
  for (let h = 0; h < 7 * 24; h++) {
    const s = speakableTime(new Date(monday + h * 3_600_000), line.timezone, line.locale);
    if (countSms(s).units > countSms(best).units || s.length > best.length) best = s;
  }
  return best;
}

/**
 * Every SMS the line can send, counted with the worst-case length after its variables are filled: the
 * business name as configured, an 8-character ticket id, the longest due time of the week, a 15-digit
 * number, and for the page 100 characters of caller name and 300 of summary (GSM-7 letters: the
 * caller's own words decide their encoding). For the cost estimate and `switchboard check`.
 */
export function smsCatalog(line: SmsLine): SmsTemplateCount[] {
  const t = messages(line.locale);
  const ticketId = 'T-WWWWWW';
  const template = (text: string, values: string[]) => {
    let rest = text;
    for (const v of values) rest = rest.split(v).join('');
    return rest;
  };
  const forcedBy = (text: string, values: string[]) => {
    const fromName = new Set(nonGsmCharacters(line.businessName));
    const fromTemplate = new Set(nonGsmCharacters(template(text, values)));
    return nonGsmCharacters(text).map((char) => ({
      char,
      source:
        fromTemplate.has(char) || !fromName.has(char) ? ('template' as const) : ('business.name' as const),
    }));
  };
  const due = longestDue(line);
  const confirmation = t.confirmationText({ business: line.businessName, ticketId, due });
  const caller = `+${'9'.repeat(15)}`;
  const callerName = 'x'.repeat(100);
  const summary = 'x'.repeat(300);
  const page = t.pageText({ business: line.businessName, ticketId, caller, callerName, summary });
  return [
    {
      template: 'confirmation',
      locale: line.locale,
      worstCase: confirmation,
      count: countSms(confirmation),
      callerText: false,
      forcedBy: forcedBy(confirmation, [line.businessName, ticketId, due]),
    },
    {
      template: 'page',
      locale: line.locale,
      worstCase: page,
      count: countSms(page),
      callerText: true,
      forcedBy: forcedBy(page, [line.businessName, ticketId, caller, callerName, summary]),
    },
  ];
}

/** Segments billed per SMS of each kind, for the cost estimate: `{ confirmation: 1, page: 3 }`. */
export function smsSegmentsPerMessage(line: SmsLine): Record<SmsTemplateCount['template'], number> {
  const out = { confirmation: 0, page: 0 };
  for (const c of smsCatalog(line)) out[c.template] = c.count.segments;
  return out;
}
