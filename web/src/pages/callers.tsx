import { useState } from 'preact/hooks';
import { E164_SYNTAX } from '../../../lambdas/domain/caller-id.ts';
import { get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { category, formatTime, t, tx } from '../i18n.ts';
import type { Ticket } from '../types.ts';
import { Badge, Loading, PageHeader, useData } from '../ui.tsx';
import { statusBadge } from './tickets.tsx';

interface CallerView {
  phone: string;
  profile: { name?: string; openTicketIds: string[]; lastCategory?: string; lastContactAt?: string } | null;
  tickets: Ticket[];
}

export function CallerCard({ phone, tz }: { phone: string; tz: string }) {
  const { data, error, reload } = useData(
    () => get<CallerView>(`/api/callers/${encodeURIComponent(phone)}`),
    [phone],
  );
  if (!data) return <Loading error={error} retry={reload} />;
  const p = data.profile;
  return (
    <>
      <article class="profile">
        <div class="avatar" aria-hidden="true">
          {(p?.name ?? '#').slice(0, 1).toUpperCase()}
        </div>
        <div>
          <h2 class={p?.name ? '' : 'mono'}>{p?.name ?? data.phone}</h2>
          {p?.name && <p class="mono muted">{data.phone}</p>}
          {p ? <Badge kind="info">{t('knownCaller')}</Badge> : <Badge kind="neutral">{t('newCaller')}</Badge>}
        </div>
        {p && (
          <dl class="facts">
            <dt>{t('lastCategory')}</dt>
            <dd>{p.lastCategory ?? '—'}</dd>
            <dt>{t('lastContact')}</dt>
            <dd>{p.lastContactAt ? formatTime(p.lastContactAt, tz) : '—'}</dd>
            <dt>{t('openTicketIds')}</dt>
            <dd>
              {p.openTicketIds.length
                ? p.openTicketIds.map((id) => (
                    <a key={id} href={`#/tickets/${id}`} class="mono">
                      {id}{' '}
                    </a>
                  ))
                : '—'}
            </dd>
          </dl>
        )}
      </article>
      {!p && data.tickets.length === 0 ? (
        <article class="empty">{t('noProfile')}</article>
      ) : (
        <article>
          <header>
            <strong>{t('contacts')}</strong>
          </header>
          <table class="striped">
            <thead>
              <tr>
                <th>{t('colCreated')}</th>
                <th>{t('colTicket')}</th>
                <th>{t('colCategory')}</th>
                <th>{t('colStatus')}</th>
                <th>{t('message')}</th>
              </tr>
            </thead>
            <tbody>
              {data.tickets.map((tk) => (
                <tr key={tk.id}>
                  <td>{formatTime(tk.createdAt, tz)}</td>
                  <td>
                    <a href={`#/tickets/${tk.id}`} class="mono">
                      {tk.id}
                    </a>
                    {tk.priority === 'urgent' && (
                      <>
                        {' '}
                        <Badge kind="urgent">{tx('priority', 'urgent')}</Badge>
                      </>
                    )}
                  </td>
                  <td>{category(tk.category)}</td>
                  <td>{statusBadge(tk.status)}</td>
                  <td class="snippet">{tk.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}
    </>
  );
}

export function CallersPage({ me, arg }: PageProps) {
  const [input, setInput] = useState(arg || '');
  return (
    <>
      <PageHeader title={t('callers')} />
      <form
        class="lookup"
        onSubmit={(e) => {
          e.preventDefault();
          location.hash = `#/callers/${encodeURIComponent(input.trim())}`;
        }}
      >
        <label>
          {t('phoneNumber')}
          <input
            name="phone"
            value={input}
            placeholder="+13125550142"
            pattern={E164_SYNTAX.source.slice(1, -1)}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">{t('lookUp')}</button>
      </form>
      {arg && <CallerCard phone={arg} tz={me.business.timezone} />}
    </>
  );
}
