import { describe, expect, it } from 'vitest';
import { ESCALATION_EVENTS, escalationHistory } from '../../lambdas/domain/escalation.ts';
import { TicketRepository } from '../../lambdas/domain/repositories.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { escalationNote } from '../../web/src/escalation-note.ts';
import { enConfig } from '../helpers.ts';

const PRIYA = '+13125550103';

describe('a ticket’s escalation entries on the page, in the page language', () => {
  it('words each kind of event in English and Chinese', () => {
    const sms = ESCALATION_EVENTS.delivery(1, 'sms', PRIYA);
    const call = ESCALATION_EVENTS.delivery(1, 'call', PRIYA);
    const alert = ESCALATION_EVENTS.delivery(4, 'alert', 'topic');
    const cases: Array<[{ by: string; to?: string; event: string }, string, string]> = [
      [{ by: 'system', event: ESCALATION_EVENTS.started }, 'Escalation started', '升级流程已启动'],
      [
        { by: 'system', event: 'esc#start-failed#2026-11-24T04:00:01.000Z' },
        'could not be started',
        '未能启动',
      ],
      [
        { by: 'Priya Raman', event: ESCALATION_EVENTS.accepted },
        'Priya Raman accepted the page',
        'Priya Raman 接受了呼叫',
      ],
      [
        { by: 'system', to: 'Priya Raman', event: ESCALATION_EVENTS.stopped },
        'Priya Raman took the ticket',
        'Priya Raman 已接单',
      ],
      [
        { by: 'system', to: 'managers', event: ESCALATION_EVENTS.gaveUp },
        'the managers are alerted',
        '已通知经理',
      ],
      [
        { by: 'system', to: 'Dana Whitfield', event: ESCALATION_EVENTS.step(2) },
        'paging Dana Whitfield',
        '呼叫 Dana Whitfield',
      ],
      [
        { by: 'system', to: 'Priya Raman', event: `${sms}#1` },
        'SMS page to Priya Raman',
        '短信呼叫 Priya Raman',
      ],
      [
        { by: 'system', to: 'Priya Raman', event: `${sms}#2` },
        'SMS page to Priya Raman (attempt 2)',
        '短信呼叫 Priya Raman（第 2 次）',
      ],
      [
        { by: 'system', to: 'Priya Raman', event: `${sms}#1#sent` },
        'SMS page to Priya Raman: sent',
        '短信呼叫 Priya Raman：已发出',
      ],
      [
        { by: 'system', to: 'Priya Raman', event: `${call}#1#sent` },
        'Page call to Priya Raman: call placed',
        '电话呼叫 Priya Raman：已拨出',
      ],
      [
        { by: 'system', to: 'Priya Raman', event: `${sms}#1#failed` },
        'failed; the escalation tries again',
        '失败，升级流程会再试',
      ],
      [
        { by: 'system', to: 'Priya Raman', event: `${sms}#1#slow` },
        'no answer from SNS in time',
        '短信服务未及时响应',
      ],
      [
        { by: 'system', to: 'managers', event: `${alert}#1#sent` },
        'Alert to the managers: sent',
        '通知经理：已发出',
      ],
    ];
    for (const [entry, en, zh] of cases) {
      expect(escalationNote(entry, 'en')).toContain(en);
      expect(escalationNote(entry, 'zh')).toContain(zh);
    }
  });

  it('leaves an event it does not know to the stored note', () => {
    for (const event of [
      undefined,
      'csat#C-1',
      'esc#1#fax#+13125550103#1',
      'esc#1#sms#+1#x',
      'esc#1#sms#+1#1#lost',
      'esc#a#b',
    ])
      expect(escalationNote({ by: 'system', ...(event ? { event } : {}) }, 'zh')).toBeUndefined();
  });

  it('words every escalation entry a real night of paging writes (the engine, nobody accepts)', async () => {
    const sb = await LocalSwitchboard.start(enConfig());
    try {
      const r = await sb.call({
        at: new Date('2026-11-24T04:00:00Z'),
        caller: new ScriptedCaller(['say:I smell gas near the oven', '2']),
        onCall: 'ignore',
      });
      const ticket = await new TicketRepository(sb.db.doc, sb.db.tables).get(r.tickets[0]!.id);
      const entries = escalationHistory(ticket!);
      expect(entries.length).toBeGreaterThan(10);
      for (const h of entries) {
        expect(escalationNote(h, 'en'), h.event).toBeTruthy();
        expect(escalationNote(h, 'zh'), h.event).toMatch(/[\u4e00-\u9fff]/);
      }
    } finally {
      await sb.stop();
    }
  });
});
