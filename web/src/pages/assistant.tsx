import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { DateInput } from '../date-input.tsx';
import { addDays, todayIn } from '../dates.ts';
import { formatTime, t } from '../i18n.ts';
import type { MissedQuestions } from '../types.ts';
import { Loading, PageHeader, useData } from '../ui.tsx';

function Snippet({ yaml }: { yaml: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="snippet-box">
      <pre>
        <code>{yaml}</code>
      </pre>
      <button
        type="button"
        class="outline secondary small"
        onClick={async () => {
          await navigator.clipboard?.writeText(yaml).catch(() => undefined);
          setCopied(true);
        }}
      >
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}

export function AssistantPage({ me }: PageProps) {
  const today = todayIn(me.business.timezone);
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const { data, error, reload } = useData(
    () => get<MissedQuestions>(`/api/assistant/missed?from=${from}&to=${to}`),
    [from, to],
  );
  return (
    <>
      <PageHeader title={t('missedTitle')} sub={t('missedHelp')} />
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filterFrom')}
          <DateInput name="from" value={from} onChange={setFrom} />
        </label>
        <label>
          {t('filterTo')}
          <DateInput name="to" value={to} onChange={setTo} />
        </label>
      </form>
      {!data ? (
        <Loading error={error} retry={reload} />
      ) : data.groups.length === 0 ? (
        <article class="empty">{t('noMissed')}</article>
      ) : (
        <>
          <p class="small muted">{t('questionsMissed', { n: data.questions, g: data.groups.length })}</p>
          {data.groups.map((g) => (
            <article key={`${g.locale}:${g.wordings[0]}`} class="missed">
              <header class="qa-head">
                <strong>“{g.wordings[0]}”</strong>
                <span class="badge badge-info">{t('asked', { n: g.count })}</span>
              </header>
              {g.wordings.length > 1 && (
                <ul class="small muted">
                  {g.wordings.slice(1).map((w) => (
                    <li key={w}>“{w}”</li>
                  ))}
                </ul>
              )}
              <p class="small muted">
                {[
                  g.reasons.noMatch ? t('reasonNoMatch', { n: g.reasons.noMatch }) : '',
                  g.reasons.notHelped ? t('reasonNotHelped', { n: g.reasons.notHelped }) : '',
                  g.lastAt ? t('lastAsked', { time: formatTime(g.lastAt, me.business.timezone) }) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {g.faqId ? (
                <p>{t('belongsTo', { q: g.faqQuestion ?? g.faqId, score: g.score.toFixed(2) })}</p>
              ) : (
                <p class="muted">{t('newEntry')}</p>
              )}
              <Snippet yaml={g.yaml} />
            </article>
          ))}
        </>
      )}
    </>
  );
}
