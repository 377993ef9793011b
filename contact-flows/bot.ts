import { LOCALES, type Locale } from '../config/schema.ts';

/**
 * The assistant's Lex V2 bot, described once for CDK and the local engine: a LeaveMessage intent, an
 * AskQuestion intent whose sample utterances are the FAQ's questions and alternates (so that Lex's speech
 * recognition expects the business's words: brands, districts, products), and the fallback intent. All
 * are fulfilled by the `assistant` Lambda (code hook), which answers from the FAQ or keeps the caller's
 * message; the flow branches on the session attributes it returns.
 */
export interface BotDefinition {
  localeId: string;
  voice: string;
  intents: Array<{ name: string; utterances: string[] }>;
}

const UTTERANCES: Record<'en' | 'zh', string[]> = {
  en: [
    'leave a message',
    'I want to leave a message',
    'take a message',
    'can someone call me back',
    'call me back',
    'voicemail',
    'I would like a callback',
  ],
  zh: ['留言', '我要留言', '我想留言', '请回电', '给我回电话', '请让人给我回电'],
};

/**
 * Lex V2 build-time quotas (Lex V2 developer guide, "Quotas"): 1,500 sample utterances per intent,
 * 500 characters per utterance, 200,000 characters of sample utterances per bot locale outside en-AU,
 * en-GB and en-US (2,000,000 there; the lower figure is used everywhere).
 */
export const LEX_LIMITS = { utterancesPerIntent: 1500, charsPerUtterance: 500, charsPerLocale: 200_000 };

/**
 * Sample utterances from FAQ questions and alternates: punctuation and slot braces removed (a sample
 * utterance is words), repeats and the `exclude` utterances dropped, cut to LEX_LIMITS with the main
 * questions first. Returns [] for an empty FAQ.
 */
export function faqUtterances(
  faq: ReadonlyArray<{ question: string; alternates?: string[] }>,
  exclude: string[] = [],
): string[] {
  const seen = new Set(exclude.map((u) => u.toLowerCase()));
  const out: string[] = [];
  let chars = 0;
  const texts = [...faq.map((e) => e.question), ...faq.flatMap((e) => e.alternates ?? [])];
  for (const text of texts) {
    const u = text
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}' -]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, LEX_LIMITS.charsPerUtterance);
    const key = u.toLowerCase();
    if (!u || seen.has(key)) continue;
    if (out.length >= LEX_LIMITS.utterancesPerIntent || chars + u.length > LEX_LIMITS.charsPerLocale) break;
    seen.add(key);
    out.push(u);
    chars += u.length;
  }
  return out;
}

export function botDefinition(
  locale: Locale,
  voice?: string,
  faq: ReadonlyArray<{ question: string; alternates?: string[] }> = [],
): BotDefinition {
  const l = LOCALES[locale];
  const leave = UTTERANCES[locale.startsWith('zh') ? 'zh' : 'en'];
  const ask = faqUtterances(faq, leave);
  return {
    localeId: l.lexLocale,
    voice: voice ?? l.voice,
    intents: [
      { name: 'LeaveMessage', utterances: leave },
      ...(ask.length ? [{ name: 'AskQuestion', utterances: ask }] : []),
    ],
  };
}

/** The local stand-in for Lex's NLU: an intent whose sample utterance the caller's words contain. */
export function classify(bot: BotDefinition, text: string): string {
  const t = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const intent of bot.intents)
    if (
      intent.utterances.some((u) => t === u.toLowerCase() || (u.length >= 2 && t.includes(u.toLowerCase())))
    )
      return intent.name;
  return 'FallbackIntent';
}
