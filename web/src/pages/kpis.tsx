import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { addDays, mondayOf, monthRange, todayIn } from '../dates.ts';
import { category, lang, t } from '../i18n.ts';
import type { KpiFigure, Kpis } from '../types.ts';
import { ChartBox, Loading, PALETTE, PageHeader, Stat, useData } from '../ui.tsx';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const secs = (x: number | null) =>
  x === null
    ? '—'
    : x >= 90
      ? `${Math.floor(x / 60)}:${String(Math.round(x % 60)).padStart(2, '0')}`
      : t('secondsShort', { n: Math.round(x) });
const GREEN = '#2a9d8f';
const RED = '#e05252';
const GREY = '#adb5bd';

/** A KPI's value and target as text, in its unit. */
function shown(k: KpiFigure, v: number | null): string {
  if (k.unit === 'ratio') return pct(v);
  if (k.unit === 'seconds') return secs(v);
  return v === null ? '—' : String(v);
}

const tone = (k: KpiFigure | undefined) => (!k || k.met === null ? undefined : k.met ? 'ok' : 'bad');

function KpiBody({ data, fmtDay }: { data: Kpis; fmtDay: (d: string) => string }) {
  const kpi = (id: KpiFigure['id']) => data.kpis.find((k) => k.id === id);
  const label = (k: KpiFigure) => t(`kpi_${k.id}` as 'kpi_asa', { s: data.sla.answerWithinSeconds });
  const measured = data.kpis.filter((k) => k.met !== null);
  const ratios = data.kpis.filter((k) => k.unit === 'ratio');
  const verdict = (k: KpiFigure) =>
    k.met === null ? (
      <span class="muted">{t('kpiNoData')}</span>
    ) : k.met ? (
      <span class="met">✓ {t('kpiMet')}</span>
    ) : (
      <span class="missed">✗ {t('kpiMissed')}</span>
    );
  return (
    <>
      <p class="kpi-summary" data-testid="targets-met">
        <strong>{t('targetsMet', { met: measured.filter((k) => k.met).length, of: measured.length })}</strong>
        <span class="muted small"> · {t('callsOf', { n: data.calls.total, q: data.calls.queued })}</span>
      </p>
      <div class="stats">
        <Stat
          label={t('kpiCalls')}
          value={data.calls.total}
          note={`${t('queuedLabel')}: ${data.calls.queued}`}
        />
        <Stat
          label={t('kpiAnswered')}
          value={data.calls.answered}
          note={`${t('kpi_answerRate')} ${pct(kpi('answerRate')?.value ?? null)}`}
          tone={tone(kpi('answerRate'))}
        />
        <Stat
          label={t('kpi_serviceLevel', { s: data.sla.answerWithinSeconds })}
          value={pct(kpi('serviceLevel')?.value ?? null)}
          note={`${data.calls.answeredWithinSla} / ${data.calls.queued}`}
          tone={tone(kpi('serviceLevel'))}
        />
        <Stat
          label={t('kpiAbandoned')}
          value={data.calls.abandoned}
          note={pct(kpi('abandonment')?.value ?? null)}
          tone={tone(kpi('abandonment'))}
        />
        <Stat
          label={t('kpi_aht')}
          value={secs(kpi('aht')?.value ?? null)}
          note={`${t('kpiAcw')} ${secs(data.acwSeconds)}`}
          tone={tone(kpi('aht'))}
        />
        <Stat
          label={t('kpi_csat')}
          value={pct(data.csat.share)}
          note={`${data.csat.average === null ? '—' : data.csat.average.toFixed(1)} ★ · ${t('responses', { n: data.csat.responses })}`}
          tone={tone(kpi('csat'))}
        />
        <Stat
          label={t('kpiTickets')}
          value={data.tickets.total}
          note={`${t('kpiOpen')}: ${data.tickets.open}`}
        />
      </div>
      <div class="grid-2 wide-first">
        <article>
          <header>
            <strong>{t('kpiVsTarget')}</strong>
          </header>
          <ChartBox
            config={{
              type: 'bar',
              data: {
                labels: ratios.map(label),
                datasets: [
                  {
                    label: t('kpiValue'),
                    data: ratios.map((k) => (k.value === null ? 0 : Math.round(k.value * 1000) / 10)),
                    backgroundColor: ratios.map((k) => (k.met === null ? GREY : k.met ? GREEN : RED)),
                  },
                  {
                    label: t('kpiTargetLine'),
                    data: ratios.map((k) => Math.round(k.target * 1000) / 10),
                    backgroundColor: 'rgba(92,112,128,0.35)',
                  },
                ],
              },
              options: {
                indexAxis: 'y',
                scales: { x: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
                plugins: { legend: { position: 'bottom' } },
              },
            }}
          />
        </article>
        <article>
          <table class="kpi-table">
            <tbody>
              {data.kpis.map((k) => (
                <tr key={k.id} data-kpi={k.id}>
                  <td>{label(k)}</td>
                  <td class="num">{shown(k, k.value)}</td>
                  <td class="num muted small">
                    {k.direction === 'atLeast' ? '≥' : '≤'} {shown(k, k.target)}
                  </td>
                  <td>{verdict(k)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      </div>
      <div class="grid-2 wide-first">
        <article>
          <header>
            <strong>{t('callsPerDay')}</strong>
          </header>
          <ChartBox
            config={{
              type: 'bar',
              data: {
                labels: data.daily.map((d) => fmtDay(d.date)),
                datasets: [
                  {
                    type: 'bar',
                    label: t('queuedLabel'),
                    data: data.daily.map((d) => d.queued),
                    backgroundColor: PALETTE[0],
                    stack: 's',
                    yAxisID: 'y',
                  },
                  {
                    type: 'bar',
                    label: t('otherCalls'),
                    data: data.daily.map((d) => d.contacts - d.queued),
                    backgroundColor: PALETTE[6],
                    stack: 's',
                    yAxisID: 'y',
                  },
                  {
                    type: 'line',
                    label: `${t('slByDay')} (%)`,
                    data: data.daily.map((d) =>
                      d.serviceLevel === null ? null : Math.round(d.serviceLevel * 100),
                    ),
                    borderColor: PALETTE[1],
                    backgroundColor: PALETTE[1],
                    spanGaps: true,
                    pointRadius: 4,
                    yAxisID: 'y1',
                  },
                ],
              },
              options: {
                scales: {
                  y: { beginAtZero: true, ticks: { precision: 0 }, stacked: true },
                  y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } },
                },
                plugins: { legend: { position: 'bottom' } },
              },
            }}
          />
        </article>
        <article>
          <header>
            <strong>{t('callsByHour')}</strong>
          </header>
          <ChartBox
            config={{
              type: 'bar',
              data: {
                labels: data.callsByHour.map((_, h) => String(h).padStart(2, '0')),
                datasets: [{ label: t('kpiCalls'), data: data.callsByHour, backgroundColor: PALETTE[4] }],
              },
              options: {
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
                plugins: { legend: { display: false } },
              },
            }}
          />
        </article>
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
          {data.calls.total === 0 ? (
            <p class="muted">{t('noTickets')}</p>
          ) : (
            <ChartBox
              config={{
                type: 'doughnut',
                data: {
                  labels: Object.keys(data.byCategory).map(category),
                  datasets: [{ data: Object.values(data.byCategory), backgroundColor: PALETTE }],
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
    </>
  );
}

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
      {!data ? <Loading error={error} retry={reload} /> : <KpiBody data={data} fmtDay={fmtDay} />}
    </>
  );
}
