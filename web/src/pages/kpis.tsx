import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { addDays, mondayOf, monthRange, todayIn } from '../dates.ts';
import { lang, t } from '../i18n.ts';
import type { Kpis } from '../types.ts';
import { ChartBox, Loading, PALETTE, PageHeader, Stat, useData } from '../ui.tsx';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export function KpisPage({ me, query }: PageProps) {
  const [mode, setMode] = useState<'week' | 'month'>(query.get('period') === 'month' ? 'month' : 'week');
  const [anchor, setAnchor] = useState(query.get('from') ?? todayIn(me.business.timezone));
  const range =
    mode === 'week' ? { from: mondayOf(anchor), to: addDays(mondayOf(anchor), 6) } : monthRange(anchor);
  const { data, error, reload } = useData(
    () => get<Kpis>(`/api/kpis?from=${range.from}&to=${range.to}`),
    [range.from, range.to],
  );
  const step = (n: number) => {
    if (mode === 'week') setAnchor(addDays(mondayOf(anchor), 7 * n));
    else {
      const d = new Date(`${range.from}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + n);
      setAnchor(d.toISOString().slice(0, 10));
    }
  };
  const fmtDay = (d: string) =>
    new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-US', {
      month: 'short',
      day: 'numeric',
      weekday: mode === 'week' ? 'short' : undefined,
      timeZone: 'UTC',
    }).format(new Date(`${d}T00:00:00Z`));
  return (
    <>
      <PageHeader title={t('kpis')} sub={`${range.from} – ${range.to}`}>
        <fieldset class="period">
          <button type="button" class={mode === 'week' ? '' : 'outline'} onClick={() => setMode('week')}>
            {t('week')}
          </button>
          <button type="button" class={mode === 'month' ? '' : 'outline'} onClick={() => setMode('month')}>
            {t('month')}
          </button>
        </fieldset>
        <button type="button" class="outline secondary" onClick={() => step(-1)}>
          {t('previous')}
        </button>
        <button type="button" class="outline secondary" onClick={() => step(1)}>
          {t('next')}
        </button>
      </PageHeader>
      {!data ? (
        <Loading error={error} retry={reload} />
      ) : (
        <>
          <div class="stats">
            <Stat
              label={t('kpiCalls')}
              value={data.calls ?? '—'}
              {...(data.calls === null ? { note: t('callsNotYet') } : {})}
            />
            <Stat label={t('kpiSla')} value={pct(data.answeredWithinSla)} />
            <Stat
              label={t('kpiTickets')}
              value={data.tickets.total}
              note={`${t('kpiOpen')}: ${data.tickets.open}`}
            />
            <Stat
              label={t('kpiOnTime')}
              value={pct(data.tickets.resolvedOnTime)}
              tone={
                data.tickets.resolvedOnTime === null
                  ? undefined
                  : data.tickets.resolvedOnTime >= 0.9
                    ? 'ok'
                    : 'warn'
              }
            />
            <Stat
              label={t('kpiCsat')}
              value={data.csat.average === null ? '—' : data.csat.average.toFixed(1)}
              note={t('responses', { n: data.csat.responses })}
            />
          </div>
          <div class="grid-2 wide-first">
            <article>
              <header>
                <strong>{t('ticketsPerDay')}</strong>
              </header>
              <ChartBox
                config={{
                  type: 'bar',
                  data: {
                    labels: data.daily.map((d) => fmtDay(d.date)),
                    datasets: [
                      {
                        label: t('normal'),
                        data: data.daily.map((d) => d.tickets - d.urgent),
                        backgroundColor: PALETTE[0],
                        stack: 's',
                      },
                      {
                        label: t('urgent'),
                        data: data.daily.map((d) => d.urgent),
                        backgroundColor: PALETTE[7],
                        stack: 's',
                      },
                    ],
                  },
                  options: {
                    scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
                    plugins: { legend: { position: 'bottom' } },
                  },
                }}
              />
            </article>
            <article>
              <header>
                <strong>{t('byCategory')}</strong>
              </header>
              {data.tickets.total === 0 ? (
                <p class="muted">{t('noTickets')}</p>
              ) : (
                <ChartBox
                  config={{
                    type: 'doughnut',
                    data: {
                      labels: Object.keys(data.tickets.byCategory),
                      datasets: [{ data: Object.values(data.tickets.byCategory), backgroundColor: PALETTE }],
                    },
                    options: { plugins: { legend: { position: 'right' } } },
                  }}
                />
              )}
            </article>
          </div>
          <article>
            <header>
              <strong>{t('csatDist')}</strong>{' '}
              <small class="muted">{t('responses', { n: data.csat.responses })}</small>
            </header>
            {data.csat.responses === 0 ? (
              <p class="muted">{t('noCsat')}</p>
            ) : (
              <ChartBox
                height={180}
                config={{
                  type: 'bar',
                  data: {
                    labels: ['1 ★', '2 ★', '3 ★', '4 ★', '5 ★'],
                    datasets: [
                      {
                        label: t('csat'),
                        data: data.csat.distribution,
                        backgroundColor: ['#e05252', '#e8833a', '#d1b33c', '#7bb661', '#2a9d8f'],
                      },
                    ],
                  },
                  options: {
                    indexAxis: 'y',
                    plugins: { legend: { display: false } },
                    scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
                  },
                }}
              />
            )}
          </article>
          <p class="muted small">{data.source === 'tickets' ? t('placeholderNote') : ''}</p>
        </>
      )}
    </>
  );
}
