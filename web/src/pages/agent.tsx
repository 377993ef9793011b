import { useEffect, useRef, useState } from 'preact/hooks';
import { type ConnectLike, ccpOptions, type IncomingCall, watchIncoming } from '../agent-logic.ts';
import { ApiError, api } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { category as categoryName, t, tx } from '../i18n.ts';
import type { Ticket } from '../types.ts';
import { PageHeader } from '../ui.tsx';
import { CallerCard } from './callers.tsx';

function NewTicket({ call, categories }: { call: IncomingCall; categories: string[] }) {
  const [category, setCategory] = useState(
    categories.includes('general') ? 'general' : (categories[0] ?? 'general'),
  );
  const [priority, setPriority] = useState<'normal' | 'urgent'>('normal');
  const [message, setMessage] = useState('');
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (ticket)
    return (
      <article class="notice notice-ok">
        {t('ticketFor', { id: ticket.id })} —{' '}
        <a href={`#/tickets/${ticket.id}`} class="mono">
          {ticket.id}
        </a>
      </article>
    );
  return (
    <article>
      <header>
        <strong>{t('createTicket')}</strong>
      </header>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const res = await api<{ ticket: Ticket }>('/api/tickets', {
              method: 'POST',
              body: {
                contactId: call.contactId,
                ...(call.phone ? { callerPhone: call.phone } : {}),
                category,
                priority,
                ...(message ? { message } : {}),
              },
            });
            setTicket(res.data.ticket);
          } catch (err) {
            setError(err instanceof ApiError ? err.message : String(err));
          }
        }}
      >
        <div class="row">
          <label>
            {t('category')}
            <select value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {categoryName(c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('priority')}
            <select
              value={priority}
              onChange={(e) => setPriority((e.target as HTMLSelectElement).value as 'normal' | 'urgent')}
            >
              <option value="normal">{tx('priority', 'normal')}</option>
              <option value="urgent">{tx('priority', 'urgent')}</option>
            </select>
          </label>
        </div>
        <label>
          {t('message')}
          <textarea
            rows={3}
            value={message}
            onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        {error && <p class="bad-text">{error}</p>}
        <button type="submit">{t('createTicket')}</button>
      </form>
    </article>
  );
}

export function AgentPage({ me, site }: PageProps) {
  const ccp = useRef<HTMLDivElement>(null);
  const [call, setCall] = useState<IncomingCall | null>(null);
  const [preview, setPreview] = useState('+13125550142');
  const connectUrl = site?.connectUrl;
  useEffect(() => {
    if (!connectUrl || !ccp.current) return;
    const el = ccp.current;
    void import('amazon-connect-streams/release/connect-streams-min.js').then(() => {
      const connect = (
        globalThis as unknown as {
          connect: ConnectLike & { core: { initCCP(el: HTMLElement, o: unknown): void } };
        }
      ).connect;
      connect.core.initCCP(el, ccpOptions(connectUrl));
      watchIncoming(connect, setCall);
    });
  }, [connectUrl]);
  return (
    <>
      <PageHeader title={t('agent')} sub={connectUrl ? t('agentHelp') : t('agentLocal')} />
      <div class="agent-grid">
        <div>
          {connectUrl ? (
            <div ref={ccp} class="ccp" />
          ) : (
            <article>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  setCall({ contactId: `preview-${Date.now()}`, phone: preview.trim() || null });
                }}
              >
                <label>
                  {t('incoming')} · {t('phoneNumber')}
                  <input value={preview} onInput={(e) => setPreview((e.target as HTMLInputElement).value)} />
                </label>
                <button type="submit">{t('preview')}</button>
              </form>
            </article>
          )}
        </div>
        <div>
          {!call ? (
            <article class="empty">{t('waitingForCall')}</article>
          ) : (
            <>
              {call.phone ? (
                <CallerCard phone={call.phone} tz={me.business.timezone} />
              ) : (
                <article>{t('withheld')}</article>
              )}
              <NewTicket key={call.contactId} call={call} categories={me.categories} />
            </>
          )}
        </div>
      </div>
    </>
  );
}
