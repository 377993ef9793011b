import { get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { category, formatTime, relative, t, tx } from '../i18n.ts';
import type { Today } from '../types.ts';
import { Badge, Loading, PageHeader, Stat, useData } from '../ui.tsx';

export function TodayPage({ me }: PageProps) {
  const { data, error, reload, stamp } = useData(() => get<Today>('/api/today'));
  const tz = me.business.timezone;
  if (!data) return <Loading error={error} retry={reload} />;
  const r = data.roster;
  const open = r.now.mode === 'open';
  const onShift = r.shifts.find((s) => s.onShiftNow);
  return (
    <>
      <PageHeader
        title={t('today')}
        sub={`${new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'full', timeZone: tz }).format(new Date(data.at))} · ${tz}`}
      >
        <span class="live-dot" title={t('live')} />
        <small class="muted">
          {stamp && t('refreshed', { time: formatTime(stamp.toISOString(), tz, false) })}
        </small>
      </PageHeader>

      <section class={`banner ${open ? 'banner-open' : 'banner-closed'}`}>
        <strong>
          {r.now.closedReason
            ? t('lineClosedBy', { reason: r.now.closedReason })
            : t(open ? 'lineOpen' : 'lineClosed')}
        </strong>
        <span>{tx('reason', r.now.reason)}</span>
        {r.holiday && <Badge kind="info">{r.holiday.name}</Badge>}
        <a href="#/roster" class="banner-link">
          {t('roster')} →
        </a>
      </section>

      <div class="stats">
        <Stat
          label={t('callsToday')}
          value={data.calls ?? '—'}
          {...(data.calls === null ? { note: t('callsNotYet') } : {})}
        />
        <Stat label={t('waitingNow')} value={data.waiting ?? '—'} tone={data.waiting ? 'warn' : 'ok'} />
        <Stat
          label={t('openTickets')}
          value={data.tickets.open}
          note={`${t('urgentOpen', { n: data.tickets.urgentOpen })} · ${t('createdToday', { n: data.tickets.createdToday })}`}
          tone={data.tickets.urgentOpen ? 'warn' : undefined}
        />
        <Stat
          label={t('overdueTickets')}
          value={data.tickets.overdue}
          tone={data.tickets.overdue ? 'bad' : 'ok'}
        />
      </div>

      <div class="grid-2">
        <article>
          <header>
            <strong>{t('onShift')}</strong>
          </header>
          {onShift ? (
            <p class="big">
              {onShift.name}{' '}
              <span class="muted">
                {onShift.start}–{onShift.end}
              </span>
              <br />
              <span class="muted">{t('agentsN', { n: onShift.agents })}</span>
            </p>
          ) : (
            <p class="big muted">{t('nobody')}</p>
          )}
          <hr />
          <strong>{t('onCall')}</strong>
          {r.now.onCall ? (
            <p class="big">
              {r.now.onCall.name} <span class="muted mono">{r.now.onCall.phone}</span>{' '}
              {r.now.onCall.swapped && <Badge kind="info">{t('swapped')}</Badge>}
            </p>
          ) : (
            <p class="big muted">{t('nobody')}</p>
          )}
        </article>
        <article>
          <header>
            <strong>{t('overdueList')}</strong>
          </header>
          {data.tickets.oldestOverdue.length === 0 ? (
            <p class="muted">{t('noOverdue')}</p>
          ) : (
            <table class="compact">
              <tbody>
                {data.tickets.oldestOverdue.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <a href={`#/tickets/${o.id}`} class="mono">
                        {o.id}
                      </a>
                    </td>
                    <td>{category(o.category)}</td>
                    <td>
                      {o.priority === 'urgent' && <Badge kind="urgent">{tx('priority', o.priority)}</Badge>}
                    </td>
                    <td class="bad-text">{relative(o.dueAt, Date.parse(data.at))}</td>
                    <td>{o.owner ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      </div>

      <article>
        <header>
          <strong>{t('alarms')}</strong>
          {me.where === 'local' && <small class="muted"> · {t('alarmsHelpLocal')}</small>}
        </header>
        {data.alarms.length === 0 ? (
          <p class="muted">{t('noAlarms')}</p>
        ) : (
          <ul class="feed">
            {data.alarms.map((a, i) => (
              <li key={`${a.at}${i}`}>
                <Badge kind={a.channel === 'sms' ? 'info' : 'neutral'}>{a.channel.toUpperCase()}</Badge>{' '}
                <span class="muted">{formatTime(a.at, tz)}</span>{' '}
                <span class="mono muted">{a.to.split(':').pop()}</span>
                <div>
                  {a.subject ? <strong>{a.subject} </strong> : null}
                  {a.text.split('\n')[0]}
                </div>
              </li>
            ))}
          </ul>
        )}
      </article>
    </>
  );
}
