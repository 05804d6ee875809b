// phone_participant.test.mjs: what a participant does during a live session,
// on a 360 px phone: check in with the code shown on the stream, take the
// closing evaluation, see the score.  And the organiser's side of it: a
// session's Zoom link edited in the console is what the participant follows.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../lib/server.mjs';
import { person, apiRegister, sql } from '../lib/ocop.mjs';
import { addAccount } from '../lib/admin.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];
let srv, browser, phone, laptop, reg, session;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer({ live: true });
  reg = (await apiRegister(srv.url, person({ full_name: 'Lò Thị Xuân', email: 'xuan.e2e@example.vn' }), 'ocop-live')).json.registration;
  const series = sql(srv.db, "select id from series where slug = 'ocop-live'");
  session = sql(srv.db, `select id from sessions where series_id = ${series} and position = 1`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'vi-VN' });
  laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function noHorizontalScroll(page) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw + 1, `page is ${sw}px wide on a ${cw}px screen`);
}

test('the organiser opens a check-in code; the participant enters it on the phone', async () => {
  const pw = addAccount(srv, 'e2e.org@example.vn', 'organizer', 'ocop-live');
  const org = await laptop.newPage();
  await org.goto(srv.url + '/admin/login');
  await org.fill('#email', 'e2e.org@example.vn');
  await org.fill('#password', pw);
  await org.click('button[type=submit]');
  await org.waitForURL(/\/admin$/);
  await org.goto(`${srv.url}/admin/series/ocop-live/sessions/${session}/attendance`);
  await org.getByRole('button', { name: 'Mở mã điểm danh mới' }).click();
  const code = (await org.locator('.code.live').first().textContent()).trim();
  assert.match(code, /^[A-Z2-9]{6}$/);
  await org.screenshot({ path: join(SHOTS, 'e2e-checkin-console.png'), fullPage: true });

  const p = await phone.newPage();
  await p.goto(`${srv.url}/me/${reg.token}`);
  await noHorizontalScroll(p);
  await p.fill('#code', code.toLowerCase().slice(0, 3) + ' ' + code.slice(3));
  await p.getByRole('button', { name: 'Điểm danh', exact: true }).click();
  await p.waitForURL(/checkin=1/);
  assert.match(await p.locator('.checkin .success').textContent(), /Đã điểm danh/);
  await p.screenshot({ path: join(SHOTS, 'e2e-checkin-phone.png'), fullPage: true });
  await p.fill('#code', 'ZZZZZZ');
  await p.getByRole('button', { name: 'Điểm danh', exact: true }).click();
  assert.match(await p.locator('.checkin .notice').textContent(), /không đúng/);
  assert.equal(sql(srv.db, `select count(*) from checkin_entries e join checkins c on c.id = e.checkin_id where c.code = '${code}'`), '1');
});

test('the participant takes the closing evaluation on the phone and sees the score', async () => {
  const p = await phone.newPage();
  await p.goto(`${srv.url}/me/${reg.token}`);
  await p.locator('.evalbox a.button').first().click();
  await p.waitForURL(/\/evaluations\/\d+$/);
  await noHorizontalScroll(p);
  const evalId = /evaluations\/(\d+)$/.exec(p.url())[1];
  // Answer every graded question correctly, as the database says, and rate.
  const qs = sql(srv.db, `select id, kind from questions where evaluation_id = ${evalId} and retired = 0 order by position`).split('\n').map((l) => l.split('|'));
  for (const [qid, kind] of qs) {
    if (kind === 'rating') await p.locator(`input[name="q${qid}"][value="4"]`).check();
    else if (kind === 'text') await p.locator(`textarea[name="q${qid}"]`).fill('Rất bổ ích, cảm ơn Ban tổ chức.');
    else {
      for (const oid of sql(srv.db, `select id from options where question_id = ${qid} and correct = 1`).split('\n')) {
        await p.locator(`input[name="q${qid}"][value="${oid}"]`).check();
      }
    }
  }
  await p.screenshot({ path: join(SHOTS, 'e2e-evaluation-form.png'), fullPage: true });
  await p.getByRole('button', { name: 'Nộp bài' }).click();
  await p.waitForLoadState();
  const result = await p.locator('.score').textContent();
  assert.match(result, /Đạt/);
  const max = sql(srv.db, `select max_score from submissions where evaluation_id = ${evalId}`);
  assert.ok(result.includes(`${Number(max) / 100}/${Number(max) / 100}`), result);
  await p.screenshot({ path: join(SHOTS, 'e2e-evaluation-result.png'), fullPage: true });
});

test('a Zoom link edited in the console is the one on the participant\'s page', async () => {
  const org = await laptop.newPage();
  await org.goto(`${srv.url}/admin/series/ocop-live/sessions/${session}`);
  const zoom = org.locator('input[name="zoom_url"]');
  await zoom.fill('https://zoom.us/j/98765432100');
  await Promise.all([org.waitForNavigation(), org.locator('form').filter({ has: zoom }).locator('button[type=submit]').first().click()]);
  const errs = await org.locator('.err, .notice').allTextContents();
  assert.deepEqual(errs, [], 'the form saved without errors');
  const p = await phone.newPage();
  await p.goto(`${srv.url}/me/${reg.token}`);
  const first = p.locator('li.session').first().getByRole('link', { name: 'Zoom' });
  assert.equal(await first.getAttribute('href'), 'https://zoom.us/j/98765432100');
});
