/**
 * Screenshots of every console page, in English (switchboard.yaml) and Chinese (the zh-CN example),
 * after a few calls so the pages have something to show. Output: .screenshots/ (git-ignored).
 * Run: npm run screenshots
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, post, ROOT, SHOTS, startSwitchboard } from './browser.ts';

const PAGES = [
  'today',
  'tickets',
  'callers/+13125550142',
  'roster',
  'kpis',
  'qa',
  'assistant',
  'agent',
  'softphone',
];

/** The most recent weekday (Mon-Fri, UTC) at least one day back: staffed daytime calls fall on it. */
const WEEKDAY_AGO = (() => {
  const d = new Date();
  let n = 1;
  for (; n < 8; n++) {
    const day = new Date(d.getTime() - n * 86_400_000).getUTCDay();
    if (day >= 1 && day <= 5) break;
  }
  return n;
})();
const WEEKDAY = new Date(Date.now() - WEEKDAY_AGO * 86_400_000).toISOString().slice(0, 10);

/** Calls this week at the given local hours (days back from today), each with its inputs. */
async function seed(
  url: string,
  calls: Array<{ daysAgo: number; utcHour: number; inputs: string[]; from?: string; open?: boolean }>,
) {
  for (const c of calls) {
    const at = new Date();
    at.setUTCDate(at.getUTCDate() - c.daysAgo);
    at.setUTCHours(c.utcHour, 7 * c.daysAgo, 0, 0);
    if (at > new Date()) at.setUTCDate(at.getUTCDate() - 1);
    await post(url, '/api/calls', {
      at: at.toISOString(),
      inputs: c.inputs,
      ...(c.from ? { from: c.from } : {}),
    });
  }
}

async function shoot(config: string | undefined, tag: string, calls: Parameters<typeof seed>[1]) {
  const sb = await startSwitchboard(config);
  const browser = await launchChromium();
  try {
    // Seeded calls happen in the past; a closure over that time sends them to the assistant (tickets).
    const past = (await post(sb.url, '/api/overrides', {
      type: 'closed',
      reason: 'seeding',
      from: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      until: new Date(Date.now() - 60_000).toISOString(),
    })) as { id: string };
    if (tag === 'en') await fetch(`${sb.url}/api/overrides/${past.id}`, { method: 'DELETE' });
    await seed(
      sb.url,
      calls.filter((c) => !c.open),
    );
    await fetch(`${sb.url}/api/overrides/${past.id}`, { method: 'DELETE' });
    // Calls a person answers, with the line open.
    await seed(
      sb.url,
      calls.filter((c) => c.open),
    );
    await post(sb.url, '/api/overrides', {
      type: 'closed',
      reason: tag === 'zh' ? '水管爆裂' : 'a burst pipe',
    });
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    for (const lang of ['en', 'zh']) {
      await page.goto(`${sb.url}/#/today`);
      await page.evaluate(
        (l) =>
          (
            globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
          ).localStorage.setItem('switchboard.lang', l),
        lang,
      );
      for (const p of PAGES) {
        // The KPI and QA pages show the week of the staffed weekday's calls.
        const q = p === 'kpis' || p === 'qa' ? `?from=${WEEKDAY}` : '';
        await page.goto(`${sb.url}/#/${p}${q}`);
        await page.reload();
        await page.waitForSelector('main h1');
        await page.waitForTimeout(600);
        await page.screenshot({ path: join(SHOTS, `${tag}-${lang}-${p.split('/')[0]}.png`), fullPage: true });
      }
      // A ticket's detail page.
      await page.goto(`${sb.url}/#/tickets`);
      await page.reload();
      await page.waitForSelector('table.tickets tbody tr a.mono, article.empty');
      const first = page.locator('table.tickets tbody tr a.mono').first();
      if (await first.count()) {
        await first.click();
        await page.waitForSelector('form.edit');
        await page.screenshot({ path: join(SHOTS, `${tag}-${lang}-ticket.png`), fullPage: true });
      }
    }
  } finally {
    await browser.close();
    await sb.stop();
  }
}

mkdirSync(SHOTS, { recursive: true });
await shoot(undefined, 'en', [
  {
    daysAgo: 3,
    utcHour: 4,
    inputs: ['say:can you tell me the capital of France', 'say:This is Sam, my washer door is stuck'],
  },
  {
    daysAgo: 2,
    utcHour: 5,
    inputs: ['say:there are sparks coming out of my dryer', '2'],
    from: '+13125550177',
  },
  {
    daysAgo: 1,
    utcHour: 3,
    inputs: ['say:do you sell spare parts for old ovens', 'say:please call me back about oven parts'],
    from: '+13125550188',
  },
  { daysAgo: 1, utcHour: 15, inputs: ['1', 'say:please call me about a new fridge'] },
  // Weekday mornings in Chicago: sales answers; the survey gets 5, 4 and 2.
  { daysAgo: WEEKDAY_AGO, utcHour: 15, inputs: ['1', '5'], open: true },
  { daysAgo: WEEKDAY_AGO, utcHour: 16, inputs: ['1', '4'], from: '+13125550177', open: true },
  { daysAgo: WEEKDAY_AGO, utcHour: 17, inputs: ['3', '2'], from: '+13125550188', open: true },
  { daysAgo: 0, utcHour: 2, inputs: ['say:leave a message', 'say:please call me about my order'] },
  { daysAgo: 0, utcHour: 1, inputs: ['say:what is your return policy', '1'] },
]);
await shoot(join(ROOT, 'config/examples/zh-CN.yaml'), 'zh', [
  { daysAgo: 2, utcHour: 16, inputs: ['say:你们能修空调吗', 'say:我是王先生，请给我回电话'] },
  { daysAgo: 1, utcHour: 17, inputs: ['say:我家的热水器漏电了', '2'], from: '+8613800138077' },
  { daysAgo: 0, utcHour: 15, inputs: ['say:留言', 'say:请尽快联系我关于订单的事'] },
  // Shanghai daytime: the early shift answers; the survey gets 5 and 3.
  { daysAgo: WEEKDAY_AGO, utcHour: 2, inputs: ['2', '5'], open: true },
  { daysAgo: WEEKDAY_AGO, utcHour: 3, inputs: ['1', '1', '3'], from: '+8613800138066', open: true },
]);
console.log(`screenshots in ${SHOTS}`);
