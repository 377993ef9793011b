import type { TicketHistoryEntry } from '../../lambdas/domain/ticket-history.ts';

/** The parts of a history entry an escalation note is written from (`event`: `ESCALATION_EVENTS`). */
export type EscalationEntry = Pick<TicketHistoryEntry, 'by' | 'to' | 'event'>;

type Channel = 'sms' | 'call' | 'alert';

/** The words, per page language (kept here, beside the one function that uses them, so it stays pure). */
const TEXTS = {
  en: {
    started: 'Escalation started: paged again and escalated until someone accepts',
    startFailed: 'The escalation could not be started',
    accepted: (by: string) => `${by} accepted the page (pressed 1 on the page call)`,
    stopped: (who: string) => `Escalation stopped: ${who} took the ticket`,
    gaveUp: 'Nobody accepted: the managers are alerted',
    step: (who: string) => `Not accepted yet: paging ${who}`,
    channel: {
      sms: (who: string) => `SMS page to ${who}`,
      call: (who: string) => `Page call to ${who}`,
      alert: () => 'Alert to the managers',
    },
    attempt: (what: string, n: number) => `${what} (attempt ${n})`,
    sent: { sms: 'sent', call: 'call placed', alert: 'sent' },
    failed: 'failed; the escalation tries again',
    slow: 'no answer from SNS in time; paged again if nobody accepts',
    join: (what: string, outcome: string) => `${what}: ${outcome}`,
  },
  zh: {
    started: '升级流程已启动：无人接单时将再次呼叫并逐级上报',
    startFailed: '升级流程未能启动',
    accepted: (by: string) => `${by} 接受了呼叫（在呼叫电话中按了 1）`,
    stopped: (who: string) => `升级流程已停止：${who} 已接单`,
    gaveUp: '无人接单：已通知经理',
    step: (who: string) => `仍无人接单：呼叫 ${who}`,
    channel: {
      sms: (who: string) => `短信呼叫 ${who}`,
      call: (who: string) => `电话呼叫 ${who}`,
      alert: () => '通知经理',
    },
    attempt: (what: string, n: number) => `${what}（第 ${n} 次）`,
    sent: { sms: '已发出', call: '已拨出', alert: '已发出' },
    failed: '失败，升级流程会再试',
    slow: '短信服务未及时响应；无人接单时将再次呼叫',
    join: (what: string, outcome: string) => `${what}：${outcome}`,
  },
} as const;

const CHANNELS = new Set<string>(['sms', 'call', 'alert']);

/**
 * An escalation entry of a ticket's history in the page language, written from its event key
 * (`esc#started`, `esc#2`, `esc#1#sms#+13125550103#2#sent`, see `ESCALATION_EVENTS`) rather than the
 * English note the functions store: the stored note stays the record, this is how the page says it.
 * Returns undefined for an event it does not know (the page then shows the stored note).
 */
export function escalationNote(h: EscalationEntry, lang: 'en' | 'zh'): string | undefined {
  const w = TEXTS[lang];
  const e = h.event;
  if (!e?.startsWith('esc#')) return undefined;
  const who = h.to ?? '';
  if (e === 'esc#started') return w.started;
  if (e.startsWith('esc#start-failed')) return w.startFailed;
  if (e === 'esc#accepted') return w.accepted(h.by);
  if (e === 'esc#stopped') return w.stopped(who);
  if (e === 'esc#gave-up') return w.gaveUp;
  const parts = e.split('#').slice(1);
  if (parts.length === 1 && /^\d+$/.test(parts[0]!)) return w.step(who);
  // esc#<step>#<channel>#<to>#<attempt>[#<outcome>]
  if (parts.length < 4 || parts.length > 5) return undefined;
  const [, channel, , attemptText, outcome] = parts as [string, string, string, string, string?];
  if (!CHANNELS.has(channel) || !/^\d+$/.test(attemptText)) return undefined;
  const ch = channel as Channel;
  const attempt = Number(attemptText);
  const base = w.channel[ch](who);
  const what = attempt > 1 ? w.attempt(base, attempt) : base;
  if (outcome === undefined) return what;
  if (outcome === 'sent') return w.join(what, w.sent[ch]);
  if (outcome === 'failed') return w.join(what, w.failed);
  if (outcome === 'slow') return w.join(what, w.slow);
  return undefined;
}
