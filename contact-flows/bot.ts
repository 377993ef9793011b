import { LOCALES, type Locale } from '../config/schema.ts';

/**
 * The assistant's Lex V2 bot, described once for CDK and the local engine: a LeaveMessage intent and
 * the fallback intent. Both are fulfilled by the `assistant` Lambda (code hook), which answers from the
 * FAQ or keeps the caller's message; the flow branches on the session attributes it returns.
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

export function botDefinition(locale: Locale, voice?: string): BotDefinition {
  const l = LOCALES[locale];
  return {
    localeId: l.lexLocale,
    voice: voice ?? l.voice,
    intents: [{ name: 'LeaveMessage', utterances: UTTERANCES[locale.startsWith('zh') ? 'zh' : 'en'] }],
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
