import { useState } from 'preact/hooks';
import { authHeader, get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { DateInput } from '../date-input.tsx';
import { category, formatTime, relative, t, tx } from '../i18n.ts';
import type { Ticket } from '../types.ts';
import { Badge, Loading, PageHeader, useData } from '../ui.tsx';

const STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;

export function statusBadge(s: string) {
  return <Badge kind={`status-${s}`}>{tx('status', s)}</Badge>;
}

export function TicketsPage({ me, query }: PageProps) {
  const [filter, setFilter] = useState<Record<string, string>>({
    status: query.get('status') ?? 'active',
    priority: '',
    category: '',
    shift: '',
    owner: '',
    from: '',
    to: '',
  });
  const [extra, setExtra] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
  const { data, error, reload } = useData(async () => {
    const page = await get<{ items: Ticket[]; nextCursor?: string }>(`/api/tickets?${qs}`);
    setExtra([]);
    setCursor(page.nextCursor);
    return page;
  }, [qs]);
  const set = (k: string) => (e: Event) =>
    setFilter({ ...filter, [k]: (e.target as HTMLInputElement).value });
  const more = async () => {
    if (!cursor) return;
    const page = await get<{ items: Ticket[]; nextCursor?: string }>(
      `/api/tickets?${qs}&cursor=${encodeURIComponent(cursor)}`,
    );
    setExtra([...extra, ...page.items]);
    setCursor(page.nextCursor);
  };
  const exportCsv = async () => {
    const res = await fetch(`/api/ledger.csv?${qs}`, { headers: authHeader() });
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `ledger-${filter.from || 'recent'}.csv`;
    a.click();
  };
  const tz = me.business.timezone;
  const now = Date.now();
  const items = [...(data?.items ?? []), ...extra];
  return (
    <>
      <PageHeader title={t('tickets')}>
        {me.identity.role === 'manager' && (
          <button type="button" class="outline" onClick={exportCsv}>
            {t('exportCsv')}
          </button>
        )}
      </PageHeader>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filterStatus')}
          <select name="status" value={filter.status} onChange={set('status')}>
            <option value="active">{t('activeStatus')}</option>
            <option value="">{t('any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {tx('status', s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterPriority')}
          <select name="priority" value={filter.priority} onChange={set('priority')}>
            <option value="">{t('any')}</option>
            <option value="urgent">{tx('priority', 'urgent')}</option>
            <option value="normal">{tx('priority', 'normal')}</option>
          </select>
        </label>
        <label>
          {t('filterCategory')}
          <select name="category" value={filter.category} onChange={set('category')}>
            <option value="">{t('any')}</option>
            {me.categories.map((c) => (
              <option key={c} value={c}>
                {category(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterShift')}
          <select name="shift" value={filter.shift} onChange={set('shift')}>
            <option value="">{t('any')}</option>
            {[...me.shifts, { id: 'after-hours', name: t('afterHours') }].map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterOwner')}
          <input name="owner" value={filter.owner} onChange={set('owner')} placeholder={t('any')} />
        </label>
        <label>
          {t('filterFrom')}
          <DateInput
            name="from"
            value={filter.from ?? ''}
            onChange={(v) => setFilter({ ...filter, from: v })}
          />
        </label>
        <label>
          {t('filterTo')}
          <DateInput name="to" value={filter.to ?? ''} onChange={(v) => setFilter({ ...filter, to: v })} />
        </label>
      </form>
      {!data ? (
        <Loading error={error} retry={reload} />
      ) : items.length === 0 ? (
        <article class="empty">{t('noTickets')}</article>
      ) : (
        <div class="table-wrap">
          <table class="striped tickets">
            <thead>
              <tr>
                <th>{t('colTicket')}</th>
                <th>{t('colCreated')}</th>
                <th>{t('colCaller')}</th>
                <th>{t('colCategory')}</th>
                <th>{t('colPriority')}</th>
                <th>{t('colStatus')}</th>
                <th>{t('colOwner')}</th>
                <th>{t('colDue')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tk) => {
                const late =
                  (tk.status === 'open' || tk.status === 'in_progress') && Date.parse(tk.dueAt) < now;
                return (
                  <tr key={tk.id} data-ticket={tk.id}>
                    <td>
                      <a href={`#/tickets/${tk.id}`} class="mono">
                        {tk.id}
                      </a>
                    </td>
                    <td>{formatTime(tk.createdAt, tz)}</td>
                    <td>
                      {tk.callerName ?? ''}{' '}
                      {tk.callerPhone ? (
                        <a class="mono muted" href={`#/callers/${encodeURIComponent(tk.callerPhone)}`}>
                          {tk.callerPhone}
                        </a>
                      ) : (
                        '—'
                      )}
                      {tk.message && <div class="snippet">{tk.message}</div>}
                    </td>
                    <td>{category(tk.category)}</td>
                    <td>
                      {tk.priority === 'urgent' ? (
                        <Badge kind="urgent">{tx('priority', 'urgent')}</Badge>
                      ) : (
                        tx('priority', 'normal')
                      )}
                    </td>
                    <td>{statusBadge(tk.status)}</td>
                    <td>{tk.owner ?? '—'}</td>
                    <td class={late ? 'bad-text' : ''}>
                      {formatTime(tk.dueAt, tz)}
                      <div class="muted small">{late ? t('overdue') : relative(tk.dueAt, now)}</div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" class="outline" onClick={more}>
          {t('more')}
        </button>
      )}
    </>
  );
}
