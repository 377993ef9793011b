/**
 * Browser end-to-end test of the console on `switchboard start --no-phone`, in Debian's chromium:
 * place a call from the softphone page, see its ticket appear, assign and resolve it (and a second
 * editor is told about the change), close the line and hear the closure on the next call, reopen and
 * hear the menu again. Screenshots of each step go to .screenshots/ (git-ignored).
 * Run: npm run test:e2e (CI runs it from .ci/run after npm test).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, SHOTS, startSwitchboard } from './browser.ts';

/** The date of the next Monday at least two days away (the softphone takes wall times in Chicago). */
function nextMonday(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Dials from the softphone page at a wall time in the business time zone (`2026-12-07T09:00`). */
async function dial(page: Page, at: string, from = '+13125550142') {
  await page.goto(`${base}/#/softphone`);
  await page.waitForSelector('form.dial-form');
  await page.fill('input[name=at]', at);
  await page.fill('input[name=from]', from);
  await page.click('button.dial');
}

/** Answers prompts in order (keys or `say:` words); stays silent once they run out, until the call ends. */
async function converse(page: Page, inputs: string[]): Promise<string[]> {
  const queue = [...inputs];
  for (let i = 0; i < 40; i++) {
    const state = await page.waitForFunction(
      () => {
        const d = (
          globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string | null } | null };
          }
        ).document;
        if (d.querySelector('.outcome')) return 'ended';
        const screen = d.querySelector('.screen')?.textContent ?? '';
        return /Waiting for|等待/.test(screen) ? screen : false;
      },
      undefined,
      { timeout: 20_000 },
    );
    const s = (await state.jsonValue()) as string;
    if (s === 'ended') break;
    const next = queue.shift();
    if (next === undefined) await page.click('text=Stay silent');
    else if (next.startsWith('say:')) {
      await page.fill('input[name=speech]', next.slice(4));
      await page.click('form.speech button');
    } else await page.click(`.keypad [data-key="${next}"]`);
    await page.waitForTimeout(150);
  }
  await page.waitForSelector('.outcome', { timeout: 20_000 });
  return page.locator('.bubble.line').allTextContents();
}

let base = '';
const results: Array<{ name: string; ok: boolean; error?: string }> = [];

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const sb = await startSwitchboard();
  base = sb.url;
  const browser = await launchChromium();
  const context = await browser.newContext({ timezoneId: 'UTC', viewport: { width: 1360, height: 900 } });
  await context.addInitScript(() => {
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      'switchboard.lang',
      'en',
    );
  });
  const page = await context.newPage();
  // Monday 9 AM in Chicago: the day shift answers; 10 PM: nobody does (the assistant).
  const monday = nextMonday();
  const morning = `${monday}T09:00`;
  const night = `${monday}T22:00`;
  let ticketId = '';
  const step = async (name: string, fn: () => Promise<void>) => {
    if (results.some((r) => !r.ok)) {
      results.push({ name, ok: false, error: 'skipped after an earlier failure' });
      return;
    }
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`  ✓ ${name}`);
    } catch (err) {
      results.push({ name, ok: false, error: String(err) });
      console.log(`  ✗ ${name}\n    ${String(err).split('\n').join('\n    ')}`);
      await page
        .screenshot({ path: join(SHOTS, `e2e-failure-${results.length}.png`), fullPage: true })
        .catch(() => {});
    }
  };

  try {
    await step(
      'a call from the softphone page leaves a message with the assistant and makes a ticket',
      async () => {
        await dial(page, night);
        const heard = await converse(page, [
          'say:can you tell me the capital of France',
          'say:This is Sam, my washer door is stuck',
        ]);
        assert.ok(
          heard.some((h) => /virtual assistant/i.test(h)),
          `heard: ${heard.join(' | ')}`,
        );
        ticketId = (await page.locator('.outcome .ticket-link').first().textContent())?.trim() ?? '';
        assert.match(ticketId, /^T-[0-9A-Z]{6}$/);
        await page.screenshot({ path: join(SHOTS, 'e2e-1-softphone.png'), fullPage: true });
      },
    );

    await step('the ticket appears on the Tickets page', async () => {
      await page.goto(`${base}/#/tickets`);
      await page.waitForSelector(`tr[data-ticket="${ticketId}"]`);
      const row = await page.locator(`tr[data-ticket="${ticketId}"]`).textContent();
      assert.match(row ?? '', /washer door is stuck/);
    });

    await step('assign it; a second editor with the old version is told, not overwritten', async () => {
      const other = await context.newPage();
      await other.goto(`${base}/#/tickets/${ticketId}`);
      await other.waitForSelector('form.edit');
      await page.goto(`${base}/#/tickets/${ticketId}`);
      await page.waitForSelector('form.edit');
      await page.fill('input[name=owner]', 'Dana Whitfield');
      await page.fill('textarea[name=note]', 'Calling Sam back at 9');
      await page.click('form.edit button[type=submit]');
      await page.waitForSelector('.notice-ok');
      await other.fill('input[name=owner]', 'Marcus Lee');
      await other.click('form.edit button[type=submit]');
      await other.waitForSelector('.notice-stale');
      await other.screenshot({ path: join(SHOTS, 'e2e-2-stale.png'), fullPage: true });
      await page.reload();
      await page.waitForSelector('form.edit');
      assert.equal(await page.getAttribute('input[name=owner]', 'placeholder'), 'Dana Whitfield');
      await other.close();
    });

    await step('resolve it', async () => {
      await page.selectOption('select[name=status]', 'resolved');
      await page.click('form.edit button[type=submit]');
      await page.waitForSelector('.notice-ok');
      await page.waitForSelector('.badge-status-resolved');
      await page.screenshot({ path: join(SHOTS, 'e2e-3-resolved.png'), fullPage: true });
    });

    await step('Close the line now: the next call hears the reason and reaches the assistant', async () => {
      await page.goto(`${base}/#/roster`);
      await page.fill('input[name=reason]', 'a burst pipe');
      await page.click('.danger-zone button[type=submit]');
      await page.waitForSelector('button.reopen');
      await page.screenshot({ path: join(SHOTS, 'e2e-4-closed.png'), fullPage: true });
      await dial(page, morning);
      const heard = await converse(page, ['say:what are your opening hours']);
      assert.ok(
        heard.some((h) => h.includes('We are closed today for a burst pipe. I am the virtual assistant.')),
        `heard: ${heard.join(' | ')}`,
      );
      await page.screenshot({ path: join(SHOTS, 'e2e-5-closure-heard.png'), fullPage: true });
    });

    await step('Reopen: the next call hears the menu again', async () => {
      await page.goto(`${base}/#/roster`);
      await page.click('button.reopen');
      await page.waitForSelector('.danger-zone');
      await dial(page, morning);
      const heard = await converse(page, ['1', '5']);
      assert.ok(
        heard.some((h) => h.includes('For new appliances and prices, press 1.')),
        `heard: ${heard.join(' | ')}`,
      );
      assert.ok(!heard.some((h) => h.includes('burst pipe')));
    });

    await step('Today shows the calls and the outbox', async () => {
      await page.goto(`${base}/#/today`);
      await page.waitForSelector('.stat');
      const text = (await page.locator('main').textContent()) ?? '';
      assert.match(text, /Alarms and messages sent/);
      await page.screenshot({ path: join(SHOTS, 'e2e-6-today.png'), fullPage: true });
    });
  } finally {
    await browser.close();
    await sb.stop();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`\ne2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
