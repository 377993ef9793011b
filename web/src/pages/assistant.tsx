import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { addDays, todayIn } from '../dates.ts';
import { t } from '../i18n.ts';
import type { MissedGroup } from '../types.ts';
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
    () => get<{ groups: MissedGroup[] }>(`/api/assistant/missed?from=${from}&to=${to}`),
    [from, to],
  );
  return (
    <>
      <PageHeader title={t('missedTitle')} sub={t('missedHelp')} />
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filterFrom')}
          <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('filterTo')}
          <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
      </form>
      {!data ? (
        <Loading error={error} retry={reload} />
      ) : data.groups.length === 0 ? (
        <article class="empty">{t('noMissed')}</article>
      ) : (
        data.groups.map((g) => (
          <article key={g.question} class="missed">
            <header class="qa-head">
              <strong>“{g.question}”</strong>
              <span class="badge badge-info">{t('asked', { n: g.count })}</span>
            </header>
            {g.examples.length > 1 && (
              <ul class="small muted">
                {g.examples.slice(1).map((e) => (
                  <li key={e}>“{e}”</li>
                ))}
              </ul>
            )}
            <p class="small">
              {g.ticketIds.slice(0, 6).map((id) => (
                <a key={id} href={`#/tickets/${id}`} class="mono">
                  {id}{' '}
                </a>
              ))}
            </p>
            {g.suggestion ? (
              <>
                <p>{t('belongsTo', { q: g.suggestion.faqQuestion, score: g.suggestion.score.toFixed(2) })}</p>
                <Snippet yaml={g.suggestion.yaml} />
              </>
            ) : (
              <p class="muted">{t('noSuggestion')}</p>
            )}
          </article>
        ))
      )}
    </>
  );
}
