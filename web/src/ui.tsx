import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { onChange } from './api.ts';
import { t } from './i18n.ts';

Chart.register(...registerables);

export const where = { value: 'local' as 'local' | 'aws' };

/** Loads data, reloads it when the server says something changed (or every 15 s in AWS). */
export function useData<T>(load: () => Promise<T>, keys: unknown[] = []) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [stamp, setStamp] = useState<Date | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = () =>
    loadRef
      .current()
      .then((d) => {
        setData(d);
        setError(null);
        setStamp(new Date());
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => {
    void reload();
    return onChange(() => void reload(), where.value);
  }, keys);
  return { data, error, reload, stamp, setData };
}

export function Loading({ error, retry }: { error?: string | null; retry?: () => void }) {
  if (error)
    return (
      <article class="error-box">
        <p>{t('error', { message: error })}</p>
        {retry && (
          <button type="button" class="secondary" onClick={retry}>
            {t('retry')}
          </button>
        )}
      </article>
    );
  return <p aria-busy="true">{t('loading')}</p>;
}

export function PageHeader({
  title,
  sub,
  children,
}: {
  title: string;
  sub?: string;
  children?: ComponentChildren;
}) {
  return (
    <header class="page-header">
      <div>
        <h1>{title}</h1>
        {sub && <p class="muted">{sub}</p>}
      </div>
      <div class="page-actions">{children}</div>
    </header>
  );
}

export function Stat({
  label,
  value,
  note,
  tone,
}: {
  label: string;
  value: string | number;
  note?: string;
  tone?: 'ok' | 'warn' | 'bad';
}) {
  return (
    <article class={`stat ${tone ?? ''}`}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {note && <div class="stat-note">{note}</div>}
    </article>
  );
}

export function Badge({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

/** A Chart.js chart, rebuilt when its configuration changes. */
export function ChartBox({ config, height = 260 }: { config: ChartConfiguration; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
    });
    return () => chart.destroy();
  }, [JSON.stringify(config.data), JSON.stringify(config.options ?? {})]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} />
    </div>
  );
}

export const PALETTE = [
  '#1e6fd9',
  '#e8833a',
  '#2a9d8f',
  '#c04a8d',
  '#8a6fd1',
  '#d1b33c',
  '#5c7080',
  '#e05252',
];
