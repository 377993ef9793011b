import { useState } from 'preact/hooks';
import { ApiError, api, get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { DateInput, DateTimeInput } from '../date-input.tsx';
import { zonedToInstant } from '../dates.ts';
import { formatTime, t, tx } from '../i18n.ts';
import type { RosterToday } from '../types.ts';
import { Badge, Loading, PageHeader, useData } from '../ui.tsx';

function useAction(done: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      done();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

export function RosterPage({ me }: PageProps) {
  const { data, error, reload } = useData(() => get<RosterToday>('/api/roster/today'));
  const manager = me.identity.role === 'manager';
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [oneOff, setOneOff] = useState({ reason: '', from: '', until: '' });
  const [swap, setSwap] = useState({
    shift: me.shifts[me.shifts.length - 1]?.id ?? '',
    name: '',
    phone: '',
    from: '',
    to: '',
  });
  const act = useAction(() => void reload());
  if (!data) return <Loading error={error} retry={reload} />;
  const tz = data.timezone;
  const closure = data.overrides.find(
    (o) => o.type === 'closed' && data.now.closedReason === o.reason && Date.parse(o.from) <= Date.now(),
  );
  const preview = t('callersHear', { text: t('closedIntro', { reason: reason || t('reasonPlaceholder') }) });
  return (
    <>
      <PageHeader title={t('roster')} sub={`${data.date} · ${tz}`} />
      {closure ? (
        <section class="banner banner-closed">
          <strong>{t('lineClosedBy', { reason: closure.reason ?? '' })}</strong>
          <span class="muted">
            {formatTime(closure.from, tz)}
            {closure.until ? ` – ${formatTime(closure.until, tz)}` : ''} · {t('by', { name: closure.by })}
          </span>
          {manager && (
            <button
              type="button"
              class="reopen"
              disabled={act.busy}
              onClick={() => act.run(() => api(`/api/overrides/${closure.id}`, { method: 'DELETE' }))}
            >
              {t('reopen')}
            </button>
          )}
        </section>
      ) : (
        <section class={`banner ${data.now.mode === 'open' ? 'banner-open' : 'banner-closed'}`}>
          <strong>{t(data.now.mode === 'open' ? 'lineOpen' : 'lineClosed')}</strong>
          <span>{tx('reason', data.now.reason)}</span>
        </section>
      )}
      {act.error && (
        <div class="notice notice-error" role="alert">
          {act.error}
        </div>
      )}
      <div class="grid-detail">
        <div>
          <article>
            <header>
              <strong>{t('todayShifts')}</strong>
            </header>
            <table>
              <thead>
                <tr>
                  <th>{t('shift')}</th>
                  <th>{t('hours')}</th>
                  <th>{t('agents')}</th>
                  <th>{t('onCall')}</th>
                </tr>
              </thead>
              <tbody>
                {data.shifts.map((s) => (
                  <tr key={s.id} class={s.onShiftNow ? 'current' : s.worksToday ? '' : 'dim'}>
                    <td>
                      <strong>{s.name}</strong> {s.onShiftNow && <Badge kind="ok">{t('nowOn')}</Badge>}
                      {!s.worksToday && <span class="muted small"> {t('notToday')}</span>}
                    </td>
                    <td class="mono">
                      {s.start}–{s.end}
                    </td>
                    <td>{s.agents}</td>
                    <td>
                      {s.onCall ? (
                        <>
                          {s.onCall.name} <span class="mono muted small">{s.onCall.phone}</span>{' '}
                          {s.onCall.swapped && <Badge kind="info">{t('swapped')}</Badge>}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="muted small">{t('configNote')}</p>
          </article>
          <article>
            <header>
              <strong>{t('overrides')}</strong>
            </header>
            {data.overrides.length === 0 ? (
              <p class="muted">{t('noOverrides')}</p>
            ) : (
              <ul class="overrides">
                {data.overrides.map((o) => (
                  <li key={o.id}>
                    <Badge kind={o.type === 'closed' ? 'urgent' : 'info'}>{tx('type', o.type)}</Badge>{' '}
                    {o.type === 'closed' ? (
                      <>
                        “{o.reason}” · {formatTime(o.from, tz)}
                        {o.until ? ` – ${formatTime(o.until, tz)}` : ''}
                      </>
                    ) : (
                      <>
                        {me.shifts.find((s) => s.id === o.shift)?.name ?? o.shift}: {o.name}{' '}
                        <span class="mono muted small">{o.phone}</span> · {o.from} – {o.to}
                      </>
                    )}{' '}
                    <span class="muted small">{t('by', { name: o.by })}</span>
                    {manager && (
                      <button
                        type="button"
                        class="outline secondary small"
                        disabled={act.busy}
                        onClick={() => act.run(() => api(`/api/overrides/${o.id}`, { method: 'DELETE' }))}
                      >
                        {t('remove')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </article>
        </div>
        {manager && (
          <div>
            {!closure && (
              <article class="danger-zone">
                <header>
                  <strong>{t('closeNow')}</strong>
                </header>
                <p class="muted small">{t('closeNowHelp')}</p>
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void act.run(async () => {
                      await api('/api/overrides', {
                        method: 'POST',
                        body: {
                          type: 'closed',
                          reason: reason.trim(),
                          ...(until ? { until: zonedToInstant(until, tz).toISOString() } : {}),
                        },
                      });
                      setReason('');
                      setUntil('');
                    });
                  }}
                >
                  <label>
                    {t('reasonLabel')}
                    <input
                      name="reason"
                      required
                      value={reason}
                      placeholder={t('reasonPlaceholder')}
                      onInput={(e) => setReason((e.target as HTMLInputElement).value)}
                    />
                  </label>
                  <p class="preview">{preview}</p>
                  <label>
                    {t('until')}
                    <DateTimeInput name="until" value={until} onChange={setUntil} />
                  </label>
                  <button type="submit" class="contrast" disabled={act.busy || !reason.trim()}>
                    {t('closeNow')}
                  </button>
                </form>
              </article>
            )}
            <article>
              <header>
                <strong>{t('swapOnCall')}</strong>
              </header>
              <p class="muted small">{t('swapHelp')}</p>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void act.run(() =>
                    api('/api/overrides', { method: 'POST', body: { type: 'onCall', ...swap } }),
                  );
                }}
              >
                <div class="row">
                  <label>
                    {t('shift')}
                    <select
                      value={swap.shift}
                      onChange={(e) => setSwap({ ...swap, shift: (e.target as HTMLSelectElement).value })}
                    >
                      {me.shifts.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('person')}
                    <input
                      required
                      value={swap.name}
                      onInput={(e) => setSwap({ ...swap, name: (e.target as HTMLInputElement).value })}
                    />
                  </label>
                </div>
                <label>
                  {t('phone')}
                  <input
                    required
                    placeholder={data.shifts.find((s) => s.onCall)?.onCall?.phone ?? '+13125550199'}
                    value={swap.phone}
                    onInput={(e) => setSwap({ ...swap, phone: (e.target as HTMLInputElement).value })}
                  />
                </label>
                <div class="row">
                  <label>
                    {t('fromDate')}
                    <DateInput
                      name="swapFrom"
                      required
                      value={swap.from}
                      onChange={(v) => setSwap({ ...swap, from: v })}
                    />
                  </label>
                  <label>
                    {t('toDate')}
                    <DateInput
                      name="swapTo"
                      required
                      value={swap.to}
                      onChange={(v) => setSwap({ ...swap, to: v })}
                    />
                  </label>
                </div>
                <button type="submit" disabled={act.busy}>
                  {t('swap')}
                </button>
              </form>
            </article>
            <article>
              <header>
                <strong>{t('oneOff')}</strong>
              </header>
              <p class="muted small">{t('oneOffHelp')}</p>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void act.run(() =>
                    api('/api/overrides', {
                      method: 'POST',
                      body: {
                        type: 'closed',
                        reason: oneOff.reason.trim(),
                        from: zonedToInstant(oneOff.from, tz).toISOString(),
                        until: zonedToInstant(oneOff.until, tz).toISOString(),
                      },
                    }),
                  );
                }}
              >
                <label>
                  {t('reasonLabel')}
                  <input
                    required
                    value={oneOff.reason}
                    onInput={(e) => setOneOff({ ...oneOff, reason: (e.target as HTMLInputElement).value })}
                  />
                </label>
                <div class="row">
                  <label>
                    {t('fromTime')}
                    <DateTimeInput
                      name="oneOffFrom"
                      required
                      value={oneOff.from}
                      onChange={(v) => setOneOff({ ...oneOff, from: v })}
                    />
                  </label>
                  <label>
                    {t('untilTime')}
                    <DateTimeInput
                      name="oneOffUntil"
                      required
                      value={oneOff.until}
                      onChange={(v) => setOneOff({ ...oneOff, until: v })}
                    />
                  </label>
                </div>
                <button type="submit" class="outline" disabled={act.busy}>
                  {t('schedule')}
                </button>
              </form>
            </article>
          </div>
        )}
      </div>
    </>
  );
}
