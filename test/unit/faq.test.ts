import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { FaqIndex, findUrgentKeyword, isNumberTerm, terms, toCandidates } from '../../lambdas/domain/faq.ts';
import { type EvalSet, evaluateSplit, loadSets, total } from '../../scripts/eval/evaluate.ts';

/** The same words, whatever the case, spaces and punctuation. */
const sameWords = (q: string) => q.toLowerCase().replace(/[\s?？!！.。,，']+/g, '');

import { enConfig, ROOT, zhConfig } from '../helpers.ts';

const evalConfig = (name: string) => loadConfig(resolve(ROOT, 'scripts/eval/configs', name));

/** The answer the assistant would speak (null for NO_MATCH) for a question against a config. */
function answer(config: ReturnType<typeof enConfig>, question: string): string | null {
  const index = new FaqIndex(config.faq, config.business.locale);
  return index.decide(question, config.assistant.threshold).match?.entry.id ?? null;
}

describe('FAQ retrieval on callers own words (the issue examples)', () => {
  const repairEn = evalConfig('appliance-repair-en.yaml');
  const repairZh = evalConfig('appliance-service-zh.yaml');

  it.each([
    ['do you guys come out to Evanston', 'service-area'],
    ['can I pay my invoice with a credit card online', 'payment'],
    ['do you sell some kind of yearly tune up membership', 'membership'],
  ])('answers "%s" with %s (words the answer names count)', (question, id) => {
    expect(answer(repairEn, question)).toBe(id);
  });

  it.each([
    ['退钱要几天才能到账', 'refund'],
    ['滨江区你们去不去', 'service-area'],
  ])('answers 「%s」 with %s', (question, id) => {
    expect(answer(repairZh, question)).toBe(id);
  });

  it('does not read out the inspection fee when asked whether a technician comes to a district', () => {
    expect(answer(repairEn, 'can a technician come to Evanston')).toBe('service-area');
    expect(answer(repairEn, 'can a technician come to Evanston and what is the diagnostic fee')).not.toBe(
      'diagnostic-fee',
    );
  });
});

describe('FAQ retrieval', () => {
  const en = enConfig();
  const zh = zhConfig();

  it('keeps the shipped behaviour: paraphrases answered, off-topic questions not', () => {
    expect(answer(en, 'do you guys take away the old washing machine')).toBe('haul-away');
    expect(answer(zh, '我家冰箱突然不冷了')).toBe('fridge-not-cooling');
    expect(answer(en, 'what is the capital of France')).toBeNull();
    expect(answer(zh, '明天天气怎么样')).toBeNull();
    expect(new FaqIndex(en.faq, 'en-US').search('')).toEqual([]);
  });

  it('says NO_MATCH when two entries explain the question equally well', () => {
    // "delivery" alone fits delivery time, delivery fee and order status.
    const index = new FaqIndex(en.faq, 'en-US');
    const [top, second] = index.search('delivery');
    expect(top!.similarity - second!.similarity).toBeLessThan(0.05);
    expect(top!.score).toBeLessThan(en.assistant.threshold);
  });

  it('corrects a misspelling within one edit of a word the FAQ or thesaurus knows', () => {
    expect(answer(en, 'is my dryer still under warrenty')).toBe('warranty');
  });

  it('does not "correct" a word two edits away that shares a deletion ("chance" is not "cancel")', () => {
    const repair = evalConfig('appliance-repair-en.yaml');
    const index = new FaqIndex(repair.faq, 'en-US');
    expect([...index.analyze('any chance you can come')!.terms.keys()]).not.toContain('cancel');
    expect([...index.analyze('I want to cancle my appointment')!.terms.keys()]).toContain('cancel');
  });

  it('counts a name an answer lists (a suburb, a brand, an insurer) as fully as a question word', () => {
    const repair = evalConfig('appliance-repair-en.yaml');
    const index = new FaqIndex(repair.faq, 'en-US');
    // "fix", "washers" and "dryer" are in the appliances entry; the brand only in the brands answer.
    expect(index.search('do you fix Samsung washers')[0]?.entry.id).toBe('brands');
    expect(index.search('can you work on my old Maytag dryer')[0]?.entry.id).toBe('brands');
    // A weekday is a word the thesaurus knows, not a name: it gives no extra weight to the hours answer.
    expect(answer(repair, 'I need a babysitter for saturday night')).toBeNull();
  });

  it('reads negations and spoken forms: "won\'t turn on" is a repair, "u" is "you"', () => {
    expect(terms("the oven won't turn on", 'en-US')).toContain('@repair');
    expect(new FaqIndex(en.faq, 'en-US').search("the oven won't turn on")[0]?.entry.id).toBe(
      'repair-booking',
    );
    expect(terms('do u charge for delivery', 'en-US')).not.toContain('u');
  });

  it('segments Chinese, reads an A-not-A question as A and keeps names the segmenter splits', () => {
    expect(terms('冰箱不制冷怎么办', 'zh-CN')).toEqual(
      expect.arrayContaining(['=冰箱', '~冰箱', '@fridge', '@cold']),
    );
    expect(terms('修不修', 'zh-CN')).toEqual(expect.arrayContaining(['@repair']));
    expect(terms('美的洗衣机', 'zh-CN')).toContain('~美的');
  });

  it('gives the top candidates with similarities, for the missed-questions log', () => {
    const index = new FaqIndex(en.faq, 'en-US');
    const decision = index.decide('who won the football game last night', en.assistant.threshold, 3);
    expect(decision.match).toBeNull();
    expect(decision.candidates).toHaveLength(3);
    for (const c of decision.candidates) {
      expect(en.faq.map((e) => e.id)).toContain(c.faqId);
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
    }
    expect(toCandidates(index.search('how much is delivery', 2)).map((c) => c.faqId)[0]).toBe('delivery-fee');
  });

  it('keeps search() backward compatible: entry and score, best first, score compared with the threshold', () => {
    const [top, ...rest] = new FaqIndex(en.faq, 'en-US').search('how much is delivery', 3);
    expect(top).toMatchObject({ entry: { id: 'delivery-fee' } });
    expect(top!.score).toBeGreaterThanOrEqual(en.assistant.threshold);
    for (const m of rest) expect(m.score).toBeLessThanOrEqual(top!.score);
  });
});

describe('FAQ retrieval: numbers, menu words and acknowledgements are no evidence', () => {
  // Answers are full of prices, days and menu keys: "3" used to be answered with the delivery FAQ.
  const configs = [
    enConfig(),
    zhConfig(),
    ...[
      'appliance-repair-en.yaml',
      'dental-clinic-en.yaml',
      'appliance-service-zh.yaml',
      'online-shop-zh.yaml',
    ].map(evalConfig),
  ];
  const lowInformation = [
    ...['3', '12', '0', '1', '2', '99', '500', '12345', '1 2 3', '3 3 3', '#', '*', '#3', '9am'],
    ...['three', 'twelve', 'zero', 'two please', 'I said 3', 'the number is 42', 'number 3'],
    ...['press 1', 'option 2', 'yes', 'yeah', 'ok', 'okay', 'hello', 'thanks', 'bye', 'um'],
    ...['嗯', '三', '十二', '第三', '两', '一', '按三', '按1', '我选3', '选项二', '行', '好的', '喂', '谢谢'],
  ];

  it.each(lowInformation)('says NO_MATCH to "%s" in every config', (question) => {
    for (const config of configs) expect(answer(config, question), config.business.name).toBeNull();
  });

  it('tells numbers (digits, number words, Chinese numerals) from words', () => {
    for (const t of ['3', '500', '9am', 'twelve', '三', '十二', '第三', '~十二'])
      expect(isNumberTerm(t), t).toBe(true);
    for (const t of ['warranty', '~三包', '三包', '@cost', 'sub']) expect(isNumberTerm(t), t).toBe(false);
  });

  it('weighs a number the FAQ asks about (in a question or alternate) as a word, never alone', () => {
    const faq = [1, 2, 3].map((n) => ({
      id: `plan-${n}`,
      question: `What is in plan ${n}?`,
      answer: `Plan ${n} costs ${n * 10} dollars and includes ${n} visits.`,
    }));
    const index = new FaqIndex(faq, 'en-US');
    expect(index.decide('what do I get with plan 2', 0.35).match?.entry.id).toBe('plan-2');
    expect(index.decide('2', 0.35).match).toBeNull();
    // 30 is only in an answer (a price): no evidence for plan 3.
    expect(index.search('what is in the plan for 30')[0]!.score).toBeLessThan(0.35);
  });

  it('gives the same answer with or without a number in the sentence, and keeps numbers inside names', () => {
    const en = enConfig();
    expect(answer(en, 'is there a delivery fee on a 300 dollar microwave')).toBe('delivery-fee');
    expect(answer(en, 'is there a delivery fee on a microwave')).toBe('delivery-fee');
    // "Sub-Zero" is a brand: its "zero" weighs as a word there, but a lone "zero" still finds nothing.
    const repair = evalConfig('appliance-repair-en.yaml');
    const index = new FaqIndex(repair.faq, 'en-US');
    expect(index.analyze('sub zero')!.terms.get('zero')).toBeGreaterThan(0);
    expect(index.analyze('sub 3')!.terms.has('3')).toBe(false);
    expect(answer(repair, 'do you do sub zero')).toBe('brands');
    expect(answer(repair, 'zero')).toBeNull();
  });
});

describe('FAQ retrieval: words that say how, not what', () => {
  const dental = evalConfig('dental-clinic-en.yaml');

  it('does not count an everyday word no entry uses as a sign of another topic ("somewhere to park")', () => {
    expect(answer(dental, 'is there somewhere to park')).toBe('location');
    // A noun no entry knows still does: the question is about something else.
    expect(answer(dental, 'is there somewhere to buy a flight ticket')).toBeNull();
  });

  it('reads a comparative as its word ("whiter" asks about whitening, "cheaper" about price)', () => {
    expect(terms('whiter teeth', 'en-US')).toContain('white');
    expect(terms('teeth whitening', 'en-US')).toContain('white');
    expect(terms('is it cheaper online', 'en-US')).toContain('@cost');
  });
});

describe('evaluation sets', () => {
  it('does not fall below the tuning-set quality measured when the retrieval was tuned (a ratchet, not the target)', () => {
    const reports = evaluateSplit('tuning');
    for (const locale of ['en-US', 'zh-CN']) {
      const t = total(reports.filter((r) => r.locale === locale));
      expect(t.accuracy, locale).toBeGreaterThanOrEqual(0.65);
      expect(t.wrong + t.offTopicAnswered, locale).toBeLessThanOrEqual(3);
    }
  });

  it('hold at least 80 paraphrases per locale in each held-out set, none seen in tuning, an earlier set or an alternate', () => {
    const tuning = loadSets('tuning');
    const said = (sets: EvalSet[]) =>
      sets.flatMap((s) => [...s.questions.map(([q]) => q), ...s.offTopic]).map(sameWords);
    const seen = new Set(said(tuning));
    for (const split of ['heldout', 'heldout-v3'] as const) {
      const heldout = loadSets(split);
      const perLocale = (locale: string) =>
        heldout
          .filter((s) => loadConfig(resolve(ROOT, s.config)).business.locale === locale)
          .reduce((n, s) => n + s.questions.length, 0);
      expect(perLocale('en-US'), split).toBeGreaterThanOrEqual(75);
      expect(perLocale('zh-CN'), split).toBeGreaterThanOrEqual(75);
      for (const s of heldout) {
        const faq = loadConfig(resolve(ROOT, s.config)).faq;
        const written = new Set(faq.flatMap((e) => [e.question, ...(e.alternates ?? [])]).map(sameWords));
        for (const q of said([s])) {
          expect(seen, `${split}: "${q}" was seen before`).not.toContain(q);
          // v2 has one question that equals an alternate the zh-CN example shipped with (以旧换新能抵多少钱).
          if (split === 'heldout-v3') expect(written, `${split}: "${q}" is in the FAQ`).not.toContain(q);
        }
      }
      for (const q of said(heldout)) seen.add(q);
    }
  });

  it('expects only FAQ ids that exist in the config they test', () => {
    for (const s of [...loadSets('tuning'), ...loadSets('heldout'), ...loadSets('heldout-v3')]) {
      const ids = new Set(loadConfig(resolve(ROOT, s.config)).faq.map((e) => e.id));
      for (const [, id] of s.questions) expect(ids, `${s.config}: ${id}`).toContain(id);
    }
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

describe('FAQ retrieval: a question about another kind of business gets no answer', () => {
  it('is not answered when it names a trade the FAQ neither uses nor serves (a bank, a doctor)', () => {
    // "open on Monday morning" fits the hours entry; the bank makes it a question about somewhere else.
    expect(answer(enConfig(), 'are you open on Monday morning')).toBe('hours');
    expect(answer(enConfig(), 'is the bank open on Monday morning')).toBeNull();
    expect(answer(enConfig(), 'is the hospital open on Monday morning')).toBeNull();
    const zh = evalConfig('appliance-service-zh.yaml');
    expect(answer(zh, '帮我预约医生')).toBeNull();
  });

  it('answers where the FAQ serves the trade or uses the word itself', () => {
    // A dental clinic's FAQ speaks of patients, teeth and the dentist: its callers' "doctor" is its own.
    const dental = new FaqIndex(evalConfig('dental-clinic-en.yaml').faq, 'en-US');
    expect(dental.search('can the doctor see me today, my tooth hurts')[0]!.score).toBeGreaterThan(0);
    // The zh-CN store's payment entry names 银行 (bank transfer): a question about it is its own.
    const zhShop = new FaqIndex(zhConfig().faq, 'zh-CN');
    expect(zhShop.search('可以银行转账吗')[0]!.score).toBeGreaterThan(0);
  });
});
