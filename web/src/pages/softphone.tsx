import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { DateTimeInput } from '../date-input.tsx';
import { zonedToInstant } from '../dates.ts';
import { category, t, tx } from '../i18n.ts';
import type { CallReport } from '../types.ts';
import { PageHeader } from '../ui.tsx';

type LiveEvent =
  | { type: 'prompt'; text: string }
  | { type: 'ask'; kind: 'dtmf' | 'digits' | 'speech'; flow: string; action: string; options: string[] }
  | { type: 'input'; input: { type: string; value?: string } }
  | { type: 'end'; report: CallReport }
  | { type: 'error'; message: string };

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function SoftphonePage({ me }: PageProps) {
  const [at, setAt] = useState('');
  const [from, setFrom] = useState('+13125550142');
  const [callId, setCallId] = useState<string | null>(null);
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [speech, setSpeech] = useState('');
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!callId) return undefined;
    let stop = false;
    let after = 0;
    (async () => {
      while (!stop) {
        try {
          const res = await api<{ events: LiveEvent[]; next: number; ended: boolean }>(
            `/api/calls/live/${callId}/events?after=${after}`,
          );
          after = res.data.next;
          if (res.data.events.length) setEvents((e) => [...e, ...res.data.events]);
          if (res.data.ended) break;
        } catch (err) {
          setError(String(err));
          break;
        }
      }
    })();
    return () => {
      stop = true;
    };
  }, [callId]);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [events.length]);

  const ended = events.find((e): e is Extract<LiveEvent, { type: 'end' }> => e.type === 'end');
  const last = events[events.length - 1];
  const waiting = last?.type === 'ask' ? last : null;
  const inCall = callId !== null && !ended && !events.some((e) => e.type === 'error');

  const dial = async () => {
    setEvents([]);
    setError(null);
    try {
      const res = await api<{ id: string }>('/api/calls/live', {
        method: 'POST',
        body: {
          ...(at ? { at: zonedToInstant(at, me.business.timezone).toISOString() } : {}),
          from: from.trim() || 'withheld',
        },
      });
      setCallId(res.data.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const send = async (input: { type: string; value?: string }) => {
    if (!callId) return;
    try {
      await api(`/api/calls/live/${callId}/input`, { method: 'POST', body: input });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const press = (k: string) => {
    if (!waiting) return;
    if (waiting.kind === 'digits') {
      if (k === '#') {
        void send({ type: 'keys', value: `${digits}#` });
        setDigits('');
      } else setDigits(digits + k);
    } else void send({ type: 'keys', value: k });
  };

  return (
    <>
      <PageHeader title={t('softphone')} sub={t('softphoneHelp')} />
      <div class="phone-grid">
        <article class="phone">
          <form
            class="dial-form"
            onSubmit={(e) => {
              e.preventDefault();
              void dial();
            }}
          >
            <label>
              {t('callTime')}
              <DateTimeInput name="at" value={at} disabled={inCall} onChange={setAt} />
              <small class="muted">{at ? me.business.timezone : t('now')}</small>
            </label>
            <label>
              {t('callerNumber')}
              <input
                name="from"
                value={from}
                disabled={inCall}
                placeholder={t('withheld')}
                onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
              />
            </label>
            {inCall ? (
              <button type="button" class="hangup" onClick={() => send({ type: 'hangup' })}>
                {t('hangUp')}
              </button>
            ) : (
              <button type="submit" class="dial" name="dial">
                {t('dial')}
              </button>
            )}
          </form>
          <div class="screen">
            {waiting
              ? t('waitingFor', { what: tx('kind', waiting.kind) })
              : inCall
                ? '…'
                : ended
                  ? t('ended')
                  : t('idle')}
            {waiting?.kind === 'digits' && <span class="mono"> {digits}</span>}
          </div>
          <div class="keypad">
            {KEYS.map((k) => (
              <button
                type="button"
                key={k}
                class="key"
                data-key={k}
                disabled={!waiting || waiting.kind === 'speech'}
                onClick={() => press(k)}
              >
                {k}
              </button>
            ))}
          </div>
          <form
            class="speech"
            onSubmit={(e) => {
              e.preventDefault();
              if (!speech.trim()) return;
              void send({ type: 'speech', value: speech.trim() });
              setSpeech('');
            }}
          >
            <input
              name="speech"
              value={speech}
              placeholder={t('speechPlaceholder')}
              disabled={!waiting}
              onInput={(e) => setSpeech((e.target as HTMLInputElement).value)}
            />
            <button type="submit" disabled={!waiting}>
              {t('speak')}
            </button>
          </form>
          <button
            type="button"
            class="outline secondary small"
            disabled={!waiting}
            onClick={() => send({ type: 'silence' })}
          >
            {t('silence')}
          </button>
          {error && <p class="bad-text">{error}</p>}
        </article>
        <article class="call-log">
          <header>
            <strong>{t('heard')}</strong>
          </header>
          <div class="bubbles" ref={log}>
            {events.map((e, i) => {
              const key = `${i}`;
              if (e.type === 'prompt')
                return (
                  <div key={key} class="bubble line">
                    ♪ {e.text}
                  </div>
                );
              if (e.type === 'input')
                return (
                  <div key={key} class="bubble me">
                    {e.input.type === 'keys'
                      ? `⌨ ${e.input.value}`
                      : e.input.type === 'speech'
                        ? `“${e.input.value}”`
                        : `(${e.input.type})`}
                  </div>
                );
              if (e.type === 'ask')
                return (
                  <div key={key} class="step mono">
                    {e.flow} › {e.action}
                  </div>
                );
              if (e.type === 'error')
                return (
                  <div key={key} class="bad-text">
                    {e.message}
                  </div>
                );
              return null;
            })}
          </div>
          {ended && (
            <div class="outcome" data-outcome={ended.report.outcome.type}>
              <h6>{t('outcome')}</h6>
              <p>
                <strong>{ended.report.outcome.type}</strong>
                {ended.report.outcome.queue ? ` · ${ended.report.outcome.queue}` : ''}
                {ended.report.outcome.to ? ` → ${ended.report.outcome.to}` : ''}
                {ended.report.outcome.reason ? ` · ${ended.report.outcome.reason}` : ''}
              </p>
              {ended.report.tickets.map((tk) => (
                <p key={tk.id} class="notice notice-ok">
                  {t('ticketCreated')}
                  <a href={`#/tickets/${tk.id}`} class="mono ticket-link">
                    {tk.id}
                  </a>{' '}
                  · {category(tk.category)} · {tx('priority', tk.priority)}
                </p>
              ))}
              <details>
                <summary>
                  {t('callPath')} ({ended.report.path.length})
                </summary>
                <ol class="path mono small">
                  {ended.report.path.map((s, i) => (
                    <li key={`${i}${s.id}`}>
                      {s.flow} › {s.id} <span class="muted">{s.type}</span>
                      {s.branch ? ` → ${s.branch}` : ''}
                    </li>
                  ))}
                </ol>
              </details>
            </div>
          )}
        </article>
      </div>
    </>
  );
}
