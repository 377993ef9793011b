import { LOCALES, type Locale } from '../config/schema.ts';

/** One intent of the assistant's bot. */
export interface BotIntent {
  name: string;
  utterances: string[];
  /**
   * What Lex itself hands to Connect when the code hook (the assistant Lambda) fails or times out: the
   * session attributes of the intent's fulfillment failure and time-out next step (Lex V2
   * `PostFulfillmentStatusSpecification.FailureNextStep` / `TimeoutNextStep`, an EndConversation). So
   * the flow learns that the caller's words were urgent without the Lambda (issue 12).
   */
  onCodeHookFailure: Record<string, string>;
  /** For an urgent intent: the `assistant.urgent` group whose keywords are its utterances. */
  urgentGroup?: string;
}

/**
 * The assistant's Lex V2 bot, described once for CDK and the local engine: one intent per urgent group
 * (its keywords as sample utterances), a LeaveMessage intent, an AskQuestion intent whose sample
 * utterances are the FAQ's questions and alternates (so that Lex's speech recognition expects the
 * business's words: brands, districts, products), and the fallback intent. All are fulfilled by the
 * `assistant` Lambda (code hook), which answers from the FAQ or keeps the caller's message; the flow
 * branches on the session attributes it returns, or, when the code hook fails, on those of the intent's
 * failure step (`onCodeHookFailure`).
 */
export interface BotDefinition {
  localeId: string;
  voice: string;
  intents: BotIntent[];
  /** The fallback intent's failure step (Lex's built-in AMAZON.FallbackIntent, no utterances). */
  fallbackOnCodeHookFailure: Record<string, string>;
}

/** An urgent group as the bot needs it (config `assistant.urgent`; id '' for the legacy `urgentKeywords`). */
export interface UrgentGroupWords {
  id: string;
  keywords: readonly string[];
}

/**
 * Session attributes a failed code hook leaves: `assistantResult: UNAVAILABLE` (the flow then takes a
 * message), or, for an urgent intent, URGENT with its group (the flow says that group's safety advice and
 * files an urgent ticket).
 */
export const CODE_HOOK_FAILED = { assistantResult: 'UNAVAILABLE' } as const;

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

/**
 * The bot for a locale: one intent per urgent group (`Urgent1`, `Urgent2`, ... whose sample utterances
 * are the group's keywords), LeaveMessage, and AskQuestion (the FAQ's questions). An utterance is used by
 * one intent only (Lex refuses duplicates): urgent words first, then "leave a message", then the FAQ.
 */
export function botDefinition(
  locale: Locale,
  voice?: string,
  faq: ReadonlyArray<{ question: string; alternates?: string[] }> = [],
  urgent: readonly UrgentGroupWords[] = [],
): BotDefinition {
  const l = LOCALES[locale];
  const used: string[] = [];
  const urgentIntents: BotIntent[] = [];
  for (const [i, g] of urgent.entries()) {
    const utterances = faqUtterances(
      g.keywords.map((question) => ({ question })),
      used,
    );
    if (utterances.length === 0) continue;
    used.push(...utterances);
    urgentIntents.push({
      name: `Urgent${i + 1}`,
      utterances,
      urgentGroup: g.id,
      onCodeHookFailure: { assistantResult: 'URGENT', ...(g.id ? { urgentGroup: g.id } : {}) },
    });
  }
  const leave = UTTERANCES[locale.startsWith('zh') ? 'zh' : 'en'].filter(
    (u) => !used.some((x) => x.toLowerCase() === u.toLowerCase()),
  );
  const ask = faqUtterances(faq, [...used, ...leave]);
  return {
    localeId: l.lexLocale,
    voice: voice ?? l.voice,
    intents: [
      ...urgentIntents,
      { name: 'LeaveMessage', utterances: leave, onCodeHookFailure: { ...CODE_HOOK_FAILED } },
      ...(ask.length
        ? [{ name: 'AskQuestion', utterances: ask, onCodeHookFailure: { ...CODE_HOOK_FAILED } }]
        : []),
    ],
    fallbackOnCodeHookFailure: { ...CODE_HOOK_FAILED },
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

/**
 * The urgent groups of a config as the bot needs them: each `assistant.urgent` group, then the legacy
 * `urgentKeywords` that no group has (group id '').
 */
export function urgentWordsOf(assistant: {
  urgent: ReadonlyArray<{ id: string; keywords: readonly string[] }>;
  urgentKeywords: readonly string[];
}): UrgentGroupWords[] {
  const grouped = new Set(assistant.urgent.flatMap((g) => g.keywords));
  const legacy = assistant.urgentKeywords.filter((k) => !grouped.has(k));
  return [
    ...assistant.urgent.map((g) => ({ id: g.id, keywords: g.keywords })),
    ...(legacy.length ? [{ id: '', keywords: legacy }] : []),
  ];
}
