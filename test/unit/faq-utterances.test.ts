import { describe, expect, it } from 'vitest';
import { botDefinition, classify, faqUtterances, LEX_LIMITS } from '../../contact-flows/bot.ts';
import { enConfig, zhConfig } from '../helpers.ts';

describe('FAQ questions as Lex sample utterances', () => {
  it('adds an AskQuestion intent with every question and alternate, as plain words', () => {
    const en = enConfig();
    const bot = botDefinition('en-US', undefined, en.faq);
    const ask = bot.intents.find((i) => i.name === 'AskQuestion')!;
    expect(ask.utterances).toContain('What are your opening hours');
    expect(ask.utterances).toContain("Can you beat a competitor's price");
    const total = en.faq.reduce((n, e) => n + 1 + e.alternates.length, 0);
    expect(ask.utterances).toHaveLength(total);
    for (const u of ask.utterances) expect(u).toMatch(/^[\p{L}\p{N}' -]+$/u);
  });

  it('keeps Chinese questions and leaves the LeaveMessage intent as it was', () => {
    const bot = botDefinition('zh-CN', undefined, zhConfig().faq);
    expect(bot.intents[0]).toEqual(botDefinition('zh-CN').intents[0]);
    expect(bot.intents.find((i) => i.name === 'AskQuestion')?.utterances).toContain('冰箱不制冷怎么办');
    expect(classify(bot, '我要留言')).toBe('LeaveMessage');
  });

  it('drops repeats and LeaveMessage utterances, and stays within the Lex V2 quotas', () => {
    expect(
      faqUtterances(
        [{ question: 'Leave a message?', alternates: ['Hours?', 'hours', '{slot} hours'] }],
        ['leave a message'],
      ),
    ).toEqual(['Hours', 'slot hours']);
    const huge = Array.from({ length: 50 }, (_, i) => ({
      question: `question ${i} ${'x'.repeat(280)}`,
      alternates: Array.from({ length: 40 }, (_, j) => `alternate ${i} ${j} ${'y'.repeat(280)}`),
    }));
    const us = faqUtterances(huge);
    expect(us.length).toBeLessThanOrEqual(LEX_LIMITS.utterancesPerIntent);
    expect(us.reduce((n, u) => n + u.length, 0)).toBeLessThanOrEqual(LEX_LIMITS.charsPerLocale);
    expect(us.slice(0, 50).every((u) => u.startsWith('question'))).toBe(true);
  });

  it('has no AskQuestion intent without an FAQ', () => {
    expect(botDefinition('en-US').intents.map((i) => i.name)).toEqual(['LeaveMessage']);
  });
});
