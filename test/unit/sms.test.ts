import { describe, expect, it } from 'vitest';
import { countSms, describeCharacter, smsCatalog, smsSegmentsPerMessage } from '../../lambdas/domain/sms.ts';

describe('SMS encoding and segments', () => {
  it('counts GSM-7 up to 160 in one segment and 153 per segment beyond', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSms('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(countSms('a'.repeat(306)).segments).toBe(2);
    expect(countSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension characters twice and never splits one', () => {
    expect(countSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSms(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({ units: 164, segments: 2 });
    expect(countSms('{}[]~|^\\').units).toBe(16);
  });

  it('turns the whole text into UCS-2 for one character GSM-7 lacks: 70, then 67 per segment', () => {
    const text = `O’Hare: ${'a'.repeat(62)}`;
    expect(countSms(text)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1, nonGsm: ['’'] });
    expect(countSms(`${text}a`).segments).toBe(2);
    expect(countSms('好'.repeat(134)).segments).toBe(2);
    expect(countSms('好'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 units and keeps it in one segment', () => {
    expect(countSms('😀').units).toBe(2);
    expect(countSms(`${'好'.repeat(66)}😀`)).toMatchObject({ units: 68, segments: 1 });
    expect(countSms(`${'好'.repeat(69)}😀`)).toMatchObject({ units: 71, segments: 2 });
  });

  it('names characters so that a reader can find them', () => {
    expect(describeCharacter('’')).toBe('’ (U+2019 RIGHT SINGLE QUOTATION MARK)');
    expect(describeCharacter('\u202F')).toBe('(U+202F NARROW NO-BREAK SPACE)');
  });
});

describe('every SMS the line sends, at its longest', () => {
  it('keeps the English confirmation in one GSM-7 segment and the Chinese one in one UCS-2 segment', () => {
    const en = smsCatalog({
      businessName: 'Brightline Appliances',
      locale: 'en-US',
      timezone: 'America/Chicago',
    });
    expect(en.find((c) => c.template === 'confirmation')!.count).toMatchObject({
      encoding: 'GSM-7',
      segments: 1,
    });
    const zh = smsCatalog({ businessName: '暖居家电服务中心', locale: 'zh-CN', timezone: 'Asia/Shanghai' });
    expect(zh.find((c) => c.template === 'confirmation')!.count).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
    });
  });

  it('shows a curly apostrophe in the name doubling the confirmation, for the cost estimate', () => {
    const line = { locale: 'en-US', timezone: 'America/Chicago' };
    expect(smsSegmentsPerMessage({ ...line, businessName: "O'Hare Appliance Repair" }).confirmation).toBe(1);
    expect(smsSegmentsPerMessage({ ...line, businessName: 'O’Hare Appliance Repair' }).confirmation).toBe(2);
  });
});
