import { describe, expect, it } from 'vitest';
import { FaqIndex, findUrgentKeyword, terms } from '../../lambdas/domain/faq.ts';
import { EVAL_LOCALES, evaluate } from '../../scripts/eval/evaluate.ts';
import { enConfig, zhConfig } from '../helpers.ts';

describe('FAQ retrieval', () => {
  const en = enConfig();
  const zh = zhConfig();
  const enIndex = new FaqIndex(en.faq, 'en-US');
  const zhIndex = new FaqIndex(zh.faq, 'zh-CN');

  it('finds an English paraphrase above the threshold', () => {
    const [top] = enIndex.search('do you guys take away the old washing machine');
    expect(top?.entry.id).toBe('haul-away');
    expect(top!.score).toBeGreaterThanOrEqual(en.assistant.threshold);
  });

  it('segments Chinese without spaces and finds the entry', () => {
    expect(terms('冰箱不制冷怎么办', 'zh-CN')).toEqual(
      expect.arrayContaining(['冰箱', '~冰箱', '@fridge', '@cold']),
    );
    const [top] = zhIndex.search('我家冰箱突然不冷了');
    expect(top?.entry.id).toBe('fridge-not-cooling');
    expect(top!.score).toBeGreaterThanOrEqual(zh.assistant.threshold);
  });

  it('keeps off-topic questions below the threshold instead of guessing', () => {
    expect(enIndex.search('what is the capital of France')[0]?.score ?? 0).toBeLessThan(
      en.assistant.threshold,
    );
    expect(zhIndex.search('明天天气怎么样')[0]?.score ?? 0).toBeLessThan(zh.assistant.threshold);
    expect(enIndex.search('')).toEqual([]);
  });

  it.each(EVAL_LOCALES)('meets the quality targets on the %s evaluation set', (locale) => {
    const r = evaluate(locale);
    expect(r.questions).toBeGreaterThanOrEqual(40);
    expect(r.offTopic).toBeGreaterThanOrEqual(20);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(r.offTopicAnswered).toEqual([]);
  });
});

describe('urgent keywords', () => {
  const en = enConfig().assistant.urgentKeywords;
  const zh = zhConfig().assistant.urgentKeywords;
  it('matches words in order with small gaps, and stems', () => {
    expect(findUrgentKeyword('I can smell gas in the kitchen', en)).toBe('smell gas');
    expect(findUrgentKeyword('it smells a lot like gas', en)).toBe('smell gas');
    expect(findUrgentKeyword('the dryer is giving off sparks', en)).toBe('sparks');
    expect(findUrgentKeyword('Do you install gas ranges?', en)).toBeNull();
    expect(findUrgentKeyword('my firewall is broken', en)).toBeNull();
  });
  it('matches Chinese keywords as substrings', () => {
    expect(findUrgentKeyword('厨房里好像漏气了', zh)).toBe('漏气');
    expect(findUrgentKeyword('空调不制冷', zh)).toBeNull();
  });
});
