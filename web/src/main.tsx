import '@picocss/pico/css/pico.min.css';
import './style.css';
import { render } from 'preact';
import { get, setToken } from './api.ts';
import { App } from './app.tsx';
import { loadSiteConfig, signIn } from './auth.ts';
import { defaultLang, setCategoryLabels, setLang } from './i18n.ts';
import type { Me } from './types.ts';
import { where } from './ui.tsx';

async function boot() {
  const root = document.getElementById('app')!;
  const site = await loadSiteConfig().catch(() => null);
  if (site) {
    const token = await signIn(site);
    if (!token) return; // redirecting to the sign-in page
    setToken(token);
  }
  try {
    const me = await get<Me>('/api/me');
    where.value = me.where;
    setLang(defaultLang(me.business.locale));
    setCategoryLabels(me.categoryLabels);
    render(<App me={me} site={site} />, root);
  } catch (err) {
    root.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'boot-error';
    p.textContent = `The console API did not answer: ${(err as Error).message}`;
    root.append(p);
  }
}

void boot();
