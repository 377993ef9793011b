import { useState } from 'preact/hooks';
import { api, get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { addDays, isoWeek, mondayOf, todayIn } from '../dates.ts';
import { formatTime, t, tx } from '../i18n.ts';
import type { QaItem } from '../types.ts';
import { Badge, Loading, PageHeader, useData } from '../ui.tsx';

function Review({
  item,
  week,
  tz,
  where,
  saved,
}: {
  item: QaItem;
  week: string;
  tz: string;
  where: string;
  saved: () => void;
}) {
  const [score, setScore] = useState(item.review?.score ?? 0);
  const [notes, setNotes] = useState(item.review?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const { data: detail } = useData(
    () => get<{ recordingUrl?: string }>(`/api/tickets/${item.ticket.id}`),
    [item.ticket.id],
  );
  const tk = item.ticket;
  return (
    <article class="qa-item" data-ticket={tk.id}>
      <header class="qa-head">
        <div>
          <a href={`#/tickets/${tk.id}`} class="mono">
            {tk.id}
          </a>{' '}
          · {tk.category} · {formatTime(tk.createdAt, tz)}{' '}
          {tk.priority === 'urgent' && <Badge kind="urgent">{tx('priority', 'urgent')}</Badge>}
        </div>
        {item.review ? (
          <Badge kind="ok">{t('reviewed')}</Badge>
        ) : (
          <Badge kind="neutral">{t('toReview')}</Badge>
        )}
      </header>
      <div class="grid-2">
        <div>
          {detail?.recordingUrl ? (
            // biome-ignore lint/a11y/useMediaCaption: the transcript is shown beside the player
            <audio controls src={detail.recordingUrl} preload="none" />
          ) : (
            <p class="muted small">{where === 'local' ? t('noRecording') : t('noRecordingAws')}</p>
          )}
          <h6>{t('transcript')}</h6>
          {tk.transcript ? (
            <pre class="transcript">{tk.transcript}</pre>
          ) : (
            <p class="muted small">{tk.message ? `“${tk.message}”` : t('noTranscript')}</p>
          )}
        </div>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            try {
              await api(`/api/qa/${week}/${tk.id}`, { method: 'PUT', body: { score, notes } });
              saved();
            } finally {
              setBusy(false);
            }
          }}
        >
          <fieldset>
            <legend>{t('score')}</legend>
            <div class="scores">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class={score === n ? 'chosen' : ''}>
                  <input
                    type="radio"
                    name={`score-${tk.id}`}
                    value={n}
                    checked={score === n}
                    onChange={() => setScore(n)}
                  />
                  {n}
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            {t('notes')}
            <textarea
              rows={3}
              value={notes}
              onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)}
            />
          </label>
          <button type="submit" disabled={busy || score === 0}>
            {t('markReviewed')}
          </button>
          {item.review && (
            <small class="muted">
              {t('by', { name: item.review.reviewedBy })} · {formatTime(item.review.at, tz)}
            </small>
          )}
        </form>
      </div>
    </article>
  );
}

export function QaPage({ me, query }: PageProps) {
  const [monday, setMonday] = useState(mondayOf(query.get('from') ?? todayIn(me.business.timezone)));
  const week = isoWeek(monday);
  const { data, error, reload } = useData(() => get<{ items: QaItem[] }>(`/api/qa?week=${week}`), [week]);
  const done = data?.items.filter((i) => i.review).length ?? 0;
  return (
    <>
      <PageHeader title={t('qaSample')} sub={`${week} · ${monday} – ${addDays(monday, 6)}`}>
        <button type="button" class="outline secondary" onClick={() => setMonday(addDays(monday, -7))}>
          {t('previous')}
        </button>
        <button type="button" class="outline secondary" onClick={() => setMonday(addDays(monday, 7))}>
          {t('next')}
        </button>
      </PageHeader>
      <p class="muted">{t('qaHelp')}</p>
      {!data ? (
        <Loading error={error} retry={reload} />
      ) : data.items.length === 0 ? (
        <article class="empty">{t('noSample')}</article>
      ) : (
        <>
          <progress value={done} max={data.items.length} />
          <p class="small muted">
            {t('reviewed')}: {done} / {data.items.length}
          </p>
          {data.items.map((i) => (
            <Review
              key={i.ticket.id}
              item={i}
              week={week}
              tz={me.business.timezone}
              where={me.where}
              saved={() => void reload()}
            />
          ))}
        </>
      )}
    </>
  );
}
