import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../config/schema.ts';
import { FaqIndex } from '../../lambdas/domain/faq.ts';
import { alternatesSnippet, groupMissed, type MissedQuestion } from '../../lambdas/domain/missed.ts';
import { enConfig, zhConfig } from '../helpers.ts';

const en = enConfig();
const zh = zhConfig();
const enIndex = new FaqIndex(en.faq, 'en-US');
const zhIndex = new FaqIndex(zh.faq, 'zh-CN');

/** A missed question as the assistant would record it: the retrieval's top candidates at that time. */
function missed(question: string, at: string, locale = 'en-US'): MissedQuestion {
  const index = locale === 'zh-CN' ? zhIndex : enIndex;
  return { question, locale, at, candidates: index.decide(question, 0.35, 3).candidates };
}

describe('grouping missed questions', () => {
  const records = [
    missed('can I pay with my amex card', '2026-11-02T03:00:00Z'),
    missed('do you guys take amex', '2026-11-03T03:00:00Z'),
    missed('can I pay with my amex card?', '2026-11-04T03:00:00Z'),
    missed('do you sell gift cards for weddings', '2026-11-05T03:00:00Z'),
    missed('能用云闪付付款吗', '2026-11-05T04:00:00Z', 'zh-CN'),
  ];

  it('puts similar questions together, repeats included, largest group first', () => {
    const groups = groupMissed(records, { faq: en.faq });
    const amex = groups[0]!;
    expect(amex.questions).toHaveLength(3);
    expect(amex.wordings).toEqual(['can I pay with my amex card', 'do you guys take amex']);
    expect(
      groups.find((g) => g.wordings.includes('do you sell gift cards for weddings'))?.questions,
    ).toHaveLength(1);
  });

  it('keeps locales apart', () => {
    const groups = groupMissed(records, { faq: [...en.faq, ...zh.faq] });
    const zhGroup = groups.find((g) => g.locale === 'zh-CN');
    expect(zhGroup?.wordings).toEqual(['能用云闪付付款吗']);
    expect(groups.filter((g) => g.locale === 'en-US').flatMap((g) => g.wordings)).not.toContain(
      '能用云闪付付款吗',
    );
  });

  it('suggests the entry the candidates point to, with a snippet that keeps its alternates', () => {
    const [amex] = groupMissed(records, { faq: en.faq });
    expect(amex!.faqId).toBe('payment');
    const [item] = parse(amex!.yaml) as Array<{ id: string; alternates: string[] }>;
    const payment = en.faq.find((e) => e.id === 'payment')!;
    expect(item!.id).toBe('payment');
    expect(item!.alternates).toEqual([
      ...payment.alternates,
      'can I pay with my amex card',
      'do you guys take amex',
    ]);
  });

  it('gives a snippet that, pasted into the config, passes the schema and makes the assistant answer', () => {
    const [amex] = groupMissed(records, { faq: en.faq });
    const [item] = parse(amex!.yaml) as Array<{ id: string; alternates: string[] }>;
    const faq = en.faq.map((e) => (e.id === item!.id ? { ...e, alternates: item!.alternates } : e));
    expect(configSchema.safeParse({ ...en, faq }).success).toBe(true);
    const after = new FaqIndex(faq, 'en-US').decide('do you guys take amex', en.assistant.threshold);
    expect(after.match?.entry.id).toBe('payment');
  });

  it('proposes a new entry when no FAQ entry fits', () => {
    const off = groupMissed([missed('what is the capital of France', '2026-11-02T03:00:00Z')], {
      faq: en.faq,
    });
    expect(off[0]!.faqId).toBeNull();
    expect(parse(off[0]!.yaml)).toEqual([
      { id: 'new-entry', question: 'what is the capital of France', answer: 'TODO: write the answer' },
    ]);
  });

  it('skips empty questions and returns nothing for no records', () => {
    expect(groupMissed([])).toEqual([]);
    expect(
      groupMissed([{ question: '  ', locale: 'en-US', at: '2026-11-02T03:00:00Z', candidates: [] }]),
    ).toEqual([]);
  });
});

describe('alternates snippet', () => {
  it('adds no wording twice and never repeats the question', () => {
    const entry = {
      id: 'hours',
      question: 'What are your opening hours?',
      answer: 'x',
      alternates: ['When are you open?'],
    };
    const yaml = alternatesSnippet(
      'hours',
      ['what are your opening hours', 'when are you open', 'open sundays?', 'Open sundays'],
      entry,
    );
    expect(parse(yaml)).toEqual([{ id: 'hours', alternates: ['When are you open?', 'open sundays?'] }]);
  });
});
