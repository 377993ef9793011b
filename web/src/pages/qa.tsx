import { useState } from 'preact/hooks';
import { api, get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { addDays, isoWeek, mondayOf, todayIn } from '../dates.ts';
import { category, formatTime, t, tx } from '../i18n.ts';
import type { QaItem, QaSample } from '../types.ts';
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
  const stratum = t(`stratum_${item.stratum.replace(/-/g, '_')}` as 'stratum_random');
  return (
    <article class="qa-item" data-contact={item.contactId}>
      <header class="qa-head">
        <div>
          <span class="mono small">{item.contactId.slice(0, 8)}</span>
          {item.initiatedAt ? ` · ${formatTime(item.initiatedAt, tz)}` : ''}
          {item.category ? ` · ${category(item.category)}` : ''} · {tx('result', item.result)}
          {item.handleSeconds !== undefined ? ` · ${t('handle', { t: duration(item.handleSeconds) })}` : ''}
          {item.csat !== undefined ? ` · CSAT ${item.csat} ★` : ''} <Badge kind="info">{stratum}</Badge>{' '}
          {item.ticketId && (
            <a href={`#/tickets/${item.ticketId}`} class="mono small">
              {t('ticketOfCall', { id: item.ticketId })}
            </a>
          )}
        </div>
        {item.review ? (
          <Badge kind="ok">{t('reviewed')}</Badge>
        ) : (
          <Badge kind="neutral">{t('toReview')}</Badge>
        )}
      </header>
      <div class="grid-2">
        <div>
          {item.recordingUrl ? (
            // biome-ignore lint/a11y/useMediaCaption: the transcript is shown beside the player
            <audio controls src={item.recordingUrl} preload="none" />
          ) : (
            <p class="muted small">{where === 'local' ? t('noRecording') : t('noRecordingAws')}</p>
          )}
          <h6>{t('transcript')}</h6>
          {item.transcript ? (
            <pre class="transcript">{item.transcript}</pre>
          ) : (
            <p class="muted small">{t('noTranscript')}</p>
          )}
          {item.callerMessage && (
            <>
              <h6>{t('callerMessage')}</h6>
              <pre class="transcript">{item.callerMessage}</pre>
            </>
          )}
        </div>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            try {
              await api(`/api/qa/${week}/${encodeURIComponent(item.contactId)}`, {
                method: 'PUT',
                body: { score, notes },
              });
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
                    name={`score-${item.contactId}`}
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

const duration = (s: number) =>
  s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` : `${s} s`;

export function QaPage({ me, query }: PageProps) {
  const [monday, setMonday] = useState(mondayOf(query.get('from') ?? todayIn(me.business.timezone)));
  const week = isoWeek(monday);
  const { data, error, reload } = useData(() => get<QaSample>(`/api/qa?week=${week}`), [week]);
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
      <p class="muted">
        {t('qaHelp')} {t('qaSameAsMail')}
      </p>
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
              key={i.contactId}
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
