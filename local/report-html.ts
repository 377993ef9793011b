/**
 * The KPI report as one self-contained HTML page: KPI cards against the targets, charts (calls by hour,
 * service level by day, the issue mix, how calls ended) drawn by Chart.js inlined into the page so it
 * opens offline, and the shift, queue, callback and QA tables. English or Chinese per the business
 * locale.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { KpiReport } from '../lambdas/domain/kpi.ts';
import type { QaEntry } from '../lambdas/domain/operations.ts';
import type { ContactResultKind } from '../lambdas/domain/records.ts';
import { formatters, kpiCells, labelsFor, languageOf } from '../lambdas/domain/report.ts';

const require = createRequire(import.meta.url);
let chartJs: string | undefined;
/** Chart.js's UMD build, read once from node_modules. */
function chartLibrary(): string {
  // The package exports only its module entry points; the UMD build sits beside them in dist/.
  chartJs ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return chartJs;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON or JS that can sit inside a <script> element. */
const scriptSafe = (s: string) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const PALETTE = [
  '#2563eb',
  '#16a34a',
  '#f59e0b',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#ea580c',
  '#475569',
];
const RESULT_COLOURS: Record<ContactResultKind, string> = {
  agent: '#16a34a',
  abandoned: '#dc2626',
  callback: '#f59e0b',
  assistant: '#2563eb',
  'on-call': '#7c3aed',
  ivr: '#94a3b8',
  'in-progress': '#cbd5e1',
};

/** The page, as a string. */
export function reportHtml(r: KpiReport, qa: QaEntry[] = []): string {
  const l = labelsFor(r.locale);
  const f = formatters(r.locale, r.timezone);
  const zh = languageOf(r.locale) === 'zh';
  const lastDay = new Date(Date.parse(r.period.to) - 1).toISOString();
  const cards = r.kpis
    .map((k) => {
      const c = kpiCells(k, f, l);
      const cls = k.met === null ? 'none' : k.met ? 'met' : 'missed';
      return `<div class="card ${cls}"><div class="label">${esc(l.kpi[k.id](r.sla))}</div><div class="value">${esc(c.value)}</div><div class="target">${esc(l.target)} ${esc(c.target)} · <b>${esc(c.verdict)}</b></div></div>`;
    })
    .join('\n');
  const table = (title: string, rows: Array<[string, ...string[]]>, head: string[]) =>
    rows.length
      ? `<section class="panel"><h2>${esc(title)}</h2><table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map(
            (row) => `<tr>${row.map((c, i) => `<td${i ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`,
          )
          .join('')}</tbody></table></section>`
      : '';
  const head = zh
    ? ['', '来电', '接听', '放弃', '助手', '回拨', '服务水平', '平均应答']
    : ['', 'Contacts', 'Answered', 'Abandoned', 'Assistant', 'Callbacks', 'Service level', 'ASA'];
  const bRow = (name: string, b: KpiReport['dayNight']['day']): [string, ...string[]] => [
    name,
    f.int(b.contacts),
    f.int(b.answered),
    f.int(b.abandoned),
    f.int(b.assistant),
    f.int(b.callbacks),
    f.pct(b.serviceLevel),
    f.secs(b.asaSeconds),
  ];
  const shiftRows = Object.entries(r.byShift)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, b]) => bRow(l.shiftName(r.shiftNames[id] ?? id), b));
  const dayNightRows = [bRow(l.day, r.dayNight.day), bRow(l.night, r.dayNight.night)];
  const queueRows = Object.entries(r.byQueue)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, b]) => bRow(r.queueNames[id] ?? id, b));
  const qaRows = qa
    .map(
      (p) =>
        `<li><div class="qa-head"><span class="tag">${esc(l.stratum[p.stratum])}</span> <b>${esc(p.initiatedAt ? f.dateTime(p.initiatedAt) : p.contactId)}</b> · ${esc(
          [
            p.category,
            l.result[p.result as ContactResultKind] ?? p.result,
            p.csat !== undefined ? `CSAT ${p.csat}` : '',
            p.handleSeconds !== undefined ? f.secs(p.handleSeconds) : '',
          ]
            .filter(Boolean)
            .join(' · '),
        )}</div>${p.excerpt ? `<blockquote>${esc(p.excerpt)}</blockquote>` : ''}<div class="muted">${esc(p.contactId)}${p.recordingKey ? ` · ${esc(p.recordingKey)}` : ''}</div></li>`,
    )
    .join('');
  const results = (Object.keys(r.byResult) as ContactResultKind[]).filter((k) => r.byResult[k] > 0);
  const cats = Object.entries(r.byCategory).sort(([, a], [, b]) => b - a);
  const slTarget = r.kpis.find((k) => k.id === 'serviceLevel')?.target ?? 0.9;
  const data = {
    hours: r.callsByHour,
    days: r.byDay.map((d) => ({
      date: d.date.slice(5),
      sl: d.serviceLevel === null ? null : Math.round(d.serviceLevel * 1000) / 10,
      contacts: d.contacts,
    })),
    slTarget: slTarget * 100,
    cats: {
      labels: cats.map(([c]) => c),
      values: cats.map(([, n]) => n),
      colours: cats.map((_, i) => PALETTE[i % PALETTE.length]),
    },
    results: {
      labels: results.map((k) => l.result[k]),
      values: results.map((k) => r.byResult[k]),
      colours: results.map((k) => RESULT_COLOURS[k]),
    },
    text: {
      calls: zh ? '来电' : 'calls',
      sl: zh ? '服务水平 %' : 'service level %',
      target: zh ? '目标' : 'target',
      contacts: zh ? '来电' : 'contacts',
    },
  };
  const measured = r.kpis.filter((k) => k.met !== null);
  const summary = [
    l.targetsMet(measured.filter((k) => k.met).length, measured.length),
    l.sentence.contacts(f.int(r.totals.contacts)),
    `${l.day} ${f.int(r.dayNight.day.contacts)} / ${l.night} ${f.int(r.dayNight.night.contacts)} (${l.nightShare} ${f.pct(r.dayNight.nightShareOfDay)})`,
  ].join(' · ');
  const facts = [
    [l.csat, l.sentence.csat(r.csat, f.pct)],
    [l.callbacks, l.sentence.callbacks(r.callbacks, f.int)],
    [l.urgent, l.sentence.urgent(r.urgent, r.sla.firstResponseMinutes, f.int)],
    [l.tickets, l.sentence.tickets(r.tickets, f.int)],
  ]
    .map(([k, v]) => `<div><dt>${esc(k!)}</dt><dd>${esc(v!)}</dd></div>`)
    .join('');
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(l.title(r.businessName))}</title>
<style>
:root { --ink:#0f172a; --muted:#64748b; --line:#e2e8f0; --bg:#f8fafc; --met:#16a34a; --missed:#dc2626; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
header { background: #0f172a; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 650; }
header p { margin: 0; color: #cbd5e1; }
main { padding: 20px 32px 40px; max-width: 1280px; margin: 0 auto; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-left: 5px solid #94a3b8; border-radius: 8px; padding: 12px 14px; }
.card.met { border-left-color: var(--met); } .card.missed { border-left-color: var(--missed); }
.card .label { color: var(--muted); font-size: 12.5px; min-height: 2.6em; }
.card .value { font-size: 26px; font-weight: 700; margin: 2px 0; }
.card.missed .value { color: var(--missed); }
.card .target { font-size: 12px; color: var(--muted); }
.card.met .target b { color: var(--met); } .card.missed .target b { color: var(--missed); }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; margin-top: 16px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-top: 16px; }
.grid .panel { margin-top: 0; }
.panel h2 { font-size: 15px; margin: 0 0 10px; }
.chart { position: relative; height: 250px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; }
th { color: var(--muted); font-weight: 600; font-size: 12.5px; }
td.num, th:not(:first-child) { text-align: right; }
dl { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 24px; margin: 0; }
dt { color: var(--muted); font-size: 12.5px; } dd { margin: 0; }
ul.qa { list-style: none; margin: 0; padding: 0; }
ul.qa li { padding: 10px 0; border-bottom: 1px solid var(--line); }
.tag { display: inline-block; background: #eef2ff; color: #3730a3; border-radius: 999px; padding: 1px 8px; font-size: 12px; }
blockquote { margin: 6px 0; padding: 6px 10px; border-left: 3px solid #cbd5e1; color: #334155; background: var(--bg); }
.muted, footer { color: var(--muted); font-size: 12px; }
footer { margin-top: 18px; } footer li { margin: 2px 0; }
@media (max-width: 860px) { .grid { grid-template-columns: 1fr; } main, header { padding-left: 16px; padding-right: 16px; } }
@media print { body { background: #fff; } .panel, .card { break-inside: avoid; } }
</style>
</head>
<body>
<header><h1>${esc(l.title(r.businessName))}</h1><p>${esc(`${l.period}: ${f.date(r.period.from)} – ${f.date(lastDay)} (${r.timezone}) · ${summary}`)}</p></header>
<main>
<section class="cards">${cards}</section>
<div class="grid">
<section class="panel"><h2>${esc(l.callsByHour)}</h2><div class="chart"><canvas id="hours"></canvas></div></section>
<section class="panel"><h2>${esc(l.serviceLevelByDay)}</h2><div class="chart"><canvas id="days"></canvas></div></section>
<section class="panel"><h2>${esc(l.issueMix)}</h2><div class="chart"><canvas id="cats"></canvas></div></section>
<section class="panel"><h2>${esc(l.resultMix)}</h2><div class="chart"><canvas id="results"></canvas></div></section>
</div>
<section class="panel"><dl>${facts}</dl></section>
${table(l.byShift, shiftRows, head)}
${table(l.dayNight, dayNightRows, head)}
${table(l.byQueue, queueRows, head)}
${qa.length ? `<section class="panel"><h2>${esc(`${l.qa} (${qa.length})`)}</h2><ul class="qa">${qaRows}</ul></section>` : ''}
<footer><ul>${l.legend.map((t) => `<li>${esc(t)}</li>`).join('')}</ul><p>Switchboard · ${esc(f.dateTime(r.generatedAt))}</p></footer>
</main>
<script>${scriptSafe(chartLibrary())}</script>
<script>
const D = ${scriptSafe(JSON.stringify(data))};
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.animation = false;
const grid = { color: '#eef2f7' };
new Chart(document.getElementById('hours'), { type: 'bar', data: { labels: D.hours.map((_, h) => String(h).padStart(2, '0')), datasets: [{ label: D.text.calls, data: D.hours, backgroundColor: '#2563eb', borderRadius: 3 }] }, options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, grid, ticks: { precision: 0 } }, x: { grid: { display: false } } } } });
new Chart(document.getElementById('days'), { data: { labels: D.days.map((d) => d.date), datasets: [
  { type: 'line', label: D.text.sl, data: D.days.map((d) => d.sl), borderColor: '#16a34a', backgroundColor: '#16a34a', tension: 0.25, spanGaps: true, yAxisID: 'y', pointRadius: 2 },
  { type: 'line', label: D.text.target, data: D.days.map(() => D.slTarget), borderColor: '#dc2626', borderDash: [6, 4], pointRadius: 0, yAxisID: 'y' },
  { type: 'bar', label: D.text.contacts, data: D.days.map((d) => d.contacts), backgroundColor: 'rgba(148,163,184,0.35)', yAxisID: 'y1' } ] },
  options: { maintainAspectRatio: false, interaction: { mode: 'index', intersect: false }, scales: { y: { min: 0, max: 100, grid }, y1: { position: 'right', beginAtZero: true, grid: { display: false }, ticks: { precision: 0 } }, x: { grid: { display: false } } } } });
const doughnut = (id, d) => new Chart(document.getElementById(id), { type: 'doughnut', data: { labels: d.labels, datasets: [{ data: d.values, backgroundColor: d.colours, borderWidth: 1 }] }, options: { maintainAspectRatio: false, cutout: '55%', plugins: { legend: { position: 'right' } } } });
doughnut('cats', D.cats);
doughnut('results', D.results);
</script>
</body>
</html>
`;
}
