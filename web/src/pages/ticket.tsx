import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { escalationNote } from '../escalation-note.ts';
import { category, formatTime, lang, t, tx } from '../i18n.ts';
import { shiftLabel } from '../shift-label.ts';
import type { HistoryEntry, Ticket } from '../types.ts';
import { Badge, Loading, PageHeader, useData } from '../ui.tsx';
import { statusBadge } from './tickets.tsx';

interface Detail {
  ticket: Ticket;
  etag: string;
  survey?: { score: number; at: string };
  recordingUrl?: string;
}

const NEXT: Record<string, string[]> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['resolved', 'open'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

function historyLine(h: HistoryEntry) {
  const isNote = h.action === 'status' && h.from === h.to;
  const action = isNote ? 'note' : h.action;
  // An escalation entry is written from its event in the page language; its stored note is English.
  const escalation = h.action === 'escalation' ? escalationNote(h, lang()) : undefined;
  if (escalation)
    return (
      <>
        <strong>{tx('action', action)}</strong>
        <div>{escalation}</div>
      </>
    );
  // The status change an accepted page makes carries a system note, not a person's: worded here.
  const accepted = h.action === 'status' && h.event?.startsWith('accept#');
  return (
    <>
      <strong>{tx('action', action)}</strong>
      {!isNote && h.from && <> {tx('status', h.from)} →</>}
      {!isNote && h.to && <> {tx('status', h.to)}</>}
      {accepted ? <div>{t('tookUrgentPage')}</div> : h.note && <div class="note">“{h.note}”</div>}
    </>
  );
}

/** Who wrote a history entry: a person's name, or the system or the ticket's source in the page language. */
const actor = (by: string) => (by === 'system' ? t('bySystem') : tx('source', by));

export function TicketPage({ me, arg }: PageProps) {
  const { data, error, reload, setData } = useData(
    async () => (await api<Detail>(`/api/tickets/${arg}`)).data,
    [arg],
  );
  const [owner, setOwner] = useState('');
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'stale' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!data) return <Loading error={error} retry={reload} />;
  const tk = data.ticket;
  const tz = me.business.timezone;
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = {
        ...(owner && owner !== tk.owner ? { owner } : {}),
        ...(status && status !== tk.status ? { status } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const res = await api<Detail>(`/api/tickets/${tk.id}`, {
        method: 'PATCH',
        body,
        headers: { 'If-Match': data.etag },
      });
      setData({ ...data, ...res.data });
      setOwner('');
      setStatus('');
      setNote('');
      setNotice({ kind: 'ok', text: t('saved') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setNotice({ kind: 'stale', text: t('staleBody') });
        await reload();
      } else setNotice({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const nothing = !(owner && owner !== tk.owner) && !(status && status !== tk.status) && !note.trim();
  return (
    <>
      <a href="#/tickets" class="back">
        {t('back')}
      </a>
      <PageHeader
        title={t('ticketTitle', { id: tk.id })}
        sub={`${category(tk.category)} · ${formatTime(tk.createdAt, tz)} · ${shiftLabel(tk.shift, me.shifts, lang(), t('afterHours'))}`}
      >
        {tk.priority === 'urgent' && <Badge kind="urgent">{tx('priority', 'urgent')}</Badge>}
        {statusBadge(tk.status)}
      </PageHeader>
      {notice && (
        <div class={`notice notice-${notice.kind}`} role="status">
          {notice.kind === 'stale' && <strong>{t('staleTitle')}. </strong>}
          {notice.text}
        </div>
      )}
      <div class="grid-detail">
        <div>
          <article>
            <header>
              <strong>{t('message')}</strong>
            </header>
            {tk.message ? <blockquote>{tk.message}</blockquote> : <p class="muted">{t('noMessage')}</p>}
            <dl class="facts">
              <dt>{t('colCaller')}</dt>
              <dd>
                {tk.callerName ?? ''}{' '}
                {tk.callerPhone ? (
                  <a href={`#/callers/${encodeURIComponent(tk.callerPhone)}`} class="mono">
                    {tk.callerPhone}
                  </a>
                ) : (
                  '—'
                )}
              </dd>
              {tk.callbackNumber && (
                <>
                  <dt>{t('callback')}</dt>
                  <dd class="mono">{tk.callbackNumber}</dd>
                </>
              )}
              <dt>{t('colDue')}</dt>
              <dd>{formatTime(tk.dueAt, tz)}</dd>
              <dt>{t('source')}</dt>
              <dd>{tx('source', tk.source)}</dd>
              <dt>{t('contact')}</dt>
              <dd class="mono small">{tk.contactId}</dd>
            </dl>
          </article>
          <article>
            <header>
              <strong>{t('recording')}</strong>
            </header>
            {data.recordingUrl ? (
              // biome-ignore lint/a11y/useMediaCaption: call recordings have a transcript below instead
              <audio controls src={data.recordingUrl} preload="none" />
            ) : (
              <p class="muted">{me.where === 'local' ? t('noRecording') : t('noRecordingAws')}</p>
            )}
            <h6>{t('transcript')}</h6>
            {tk.transcript ? (
              <pre class="transcript">{tk.transcript}</pre>
            ) : (
              <p class="muted">{t('noTranscript')}</p>
            )}
            <h6>{t('csat')}</h6>
            {(data.survey?.score ?? tk.csat) ? (
              <p class="stars" title={`${data.survey?.score ?? tk.csat}/5`}>
                {'★'.repeat(data.survey?.score ?? tk.csat ?? 0)}
                <span class="muted">{'★'.repeat(5 - (data.survey?.score ?? tk.csat ?? 0))}</span>
              </p>
            ) : (
              <p class="muted">{t('noCsat')}</p>
            )}
          </article>
        </div>
        <div>
          <article>
            <form onSubmit={save} class="edit">
              <label>
                {t('assignTo')}
                <input
                  name="owner"
                  value={owner}
                  placeholder={tk.owner ?? t('nobody')}
                  onInput={(e) => setOwner((e.target as HTMLInputElement).value)}
                />
              </label>
              <label>
                {t('changeStatus')}
                <select
                  name="status"
                  value={status || tk.status}
                  onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
                >
                  <option value={tk.status}>{tx('status', tk.status)}</option>
                  {(NEXT[tk.status] ?? []).map((s) => (
                    <option key={s} value={s}>
                      → {tx('status', s)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('addNote')}
                <textarea
                  name="note"
                  rows={3}
                  value={note}
                  placeholder={t('notePlaceholder')}
                  onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
                />
              </label>
              <button type="submit" disabled={busy || nothing} aria-busy={busy}>
                {t('apply')}
              </button>
            </form>
          </article>
          <article>
            <header>
              <strong>{t('history')}</strong>
            </header>
            <ol class="timeline">
              {[...tk.history].reverse().map((h, i) => (
                <li key={`${h.at}${i}`}>
                  <span class="muted small">
                    {formatTime(h.at, tz)} · {actor(h.by)}
                  </span>
                  <div>{historyLine(h)}</div>
                </li>
              ))}
            </ol>
          </article>
        </div>
      </div>
    </>
  );
}
