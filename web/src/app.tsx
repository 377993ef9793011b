import { useEffect, useState } from 'preact/hooks';
import { authHeader } from './api.ts';
import { type SiteConfig, signOut } from './auth.ts';
import { type Key, type Lang, lang, setLang, t } from './i18n.ts';
import { AgentPage } from './pages/agent.tsx';
import { AssistantPage } from './pages/assistant.tsx';
import { CallersPage } from './pages/callers.tsx';
import { KpisPage } from './pages/kpis.tsx';
import { QaPage } from './pages/qa.tsx';
import { RosterPage } from './pages/roster.tsx';
import { SoftphonePage } from './pages/softphone.tsx';
import { TicketPage } from './pages/ticket.tsx';
import { TicketsPage } from './pages/tickets.tsx';
import { TodayPage } from './pages/today.tsx';
import type { Me } from './types.ts';

export interface PageProps {
  me: Me;
  site: SiteConfig | null;
  /** The rest of the hash after the page name (`#/tickets/T-ABC123` → `T-ABC123`), and its query. */
  arg: string;
  query: URLSearchParams;
}

interface PageDef {
  id: string;
  label: Key;
  icon: string;
  manager?: boolean;
  only?: 'local' | 'aws';
  render: (p: PageProps) => preact.JSX.Element;
}

const PAGES: PageDef[] = [
  { id: 'today', label: 'today', icon: '◷', render: (p) => <TodayPage {...p} /> },
  {
    id: 'tickets',
    label: 'tickets',
    icon: '▤',
    render: (p) => (p.arg ? <TicketPage {...p} /> : <TicketsPage {...p} />),
  },
  { id: 'callers', label: 'callers', icon: '☎', render: (p) => <CallersPage {...p} /> },
  { id: 'roster', label: 'roster', icon: '▦', render: (p) => <RosterPage {...p} /> },
  { id: 'kpis', label: 'kpis', icon: '▲', manager: true, render: (p) => <KpisPage {...p} /> },
  { id: 'qa', label: 'qa', icon: '✓', manager: true, render: (p) => <QaPage {...p} /> },
  { id: 'assistant', label: 'assistant', icon: '✦', manager: true, render: (p) => <AssistantPage {...p} /> },
  { id: 'agent', label: 'agent', icon: '◉', render: (p) => <AgentPage {...p} /> },
  {
    id: 'softphone',
    label: 'softphone',
    icon: '✆',
    only: 'local',
    manager: true,
    render: (p) => <SoftphonePage {...p} />,
  },
];

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', q = ''] = raw.split('?');
  const [page = 'today', ...rest] = path.split('/');
  return { page: page || 'today', arg: decodeURIComponent(rest.join('/')), query: new URLSearchParams(q) };
}

export function App({ me, site }: { me: Me; site: SiteConfig | null }) {
  const [route, setRoute] = useState(parseHash());
  const [, setLangState] = useState<Lang>(lang());
  useEffect(() => {
    const on = () => setRoute(parseHash());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  const switchLang = (l: Lang) => {
    localStorage.setItem('switchboard.lang', l);
    setLang(l);
    setLangState(l);
  };
  const visible = PAGES.filter(
    (p) => (!p.manager || me.identity.role === 'manager') && (!p.only || p.only === me.where),
  );
  const page = visible.find((p) => p.id === route.page) ?? visible[0]!;
  useEffect(() => {
    document.title = `${t(page.label)} · ${me.business.name}`;
  });
  return (
    <div class="shell">
      <aside class="sidebar">
        <div class="brand">
          <div class="brand-name">{me.business.name}</div>
          <div class="brand-sub">
            {t('appName')} {t('console')}
            {me.where === 'local' && (
              <div>
                <span class="pill">{t('local')}</span>
              </div>
            )}
          </div>
        </div>
        <nav>
          <ul>
            {visible.map((p) => (
              <li key={p.id}>
                <a
                  href={`#/${p.id}`}
                  class={p.id === page.id ? 'active' : ''}
                  aria-current={p.id === page.id ? 'page' : undefined}
                >
                  <span class="icon" aria-hidden="true">
                    {p.icon}
                  </span>
                  {t(p.label)}
                </a>
              </li>
            ))}
            <li>
              <a
                href="/api/openapi.json"
                target="_blank"
                rel="noreferrer"
                onClick={(e) => {
                  // In AWS the document, like every route, needs the sign-in token: open it as a blob.
                  if (me.where !== 'aws') return;
                  e.preventDefault();
                  void fetch('/api/openapi.json', { headers: authHeader() })
                    .then((r) => r.blob())
                    .then((b) => window.open(URL.createObjectURL(b), '_blank'));
                }}
              >
                <span class="icon" aria-hidden="true">
                  ◇
                </span>
                {t('api')}
              </a>
            </li>
          </ul>
        </nav>
        <div class="sidebar-foot">
          <fieldset class="lang-switch" aria-label="Language">
            <button type="button" class={lang() === 'en' ? '' : 'outline'} onClick={() => switchLang('en')}>
              EN
            </button>
            <button type="button" class={lang() === 'zh' ? '' : 'outline'} onClick={() => switchLang('zh')}>
              中文
            </button>
          </fieldset>
          <div class="who">
            {t('signedInAs', { name: me.identity.name })} ·{' '}
            {t(me.identity.role === 'manager' ? 'roleManager' : 'roleAgent')}
          </div>
          {site && (
            <button type="button" class="outline secondary small" onClick={() => signOut(site)}>
              {t('signOut')}
            </button>
          )}
        </div>
      </aside>
      <main class="content" key={`${page.id}/${route.arg}/${lang()}`}>
        {page.render({ me, site, arg: route.arg, query: route.query })}
      </main>
    </div>
  );
}
