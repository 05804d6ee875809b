// certificates.test.mjs (browser): someone holds a phone over a certificate:
// the QR link opens the verification page, which fits a 360 px screen
// (no sideways scrolling), says valid in large letters with the name, the
// series and the serial; the code typed by hand in lower case with spaces
// leads to the same page; a revoked one says so in red.  The participant
// finds the download on their personal page.  Screenshots go to
// tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, BIN } from '../lib/server.mjs';
import { person, apiRegister, sql } from '../lib/ocop.mjs';
import { shown } from '../lib/certs.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
let srv, browser, reg, code, serial;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  reg = (await apiRegister(srv.url, person({ full_name: 'Tôn Nữ Thị Hoàng Quỳnh Như', email: 'nhu@example.vn' }))).json.registration;
  const cli = (...a) => spawnSync(BIN, ['certificates', ...a, '--db', srv.db, '--base-url', srv.url], { encoding: 'utf8' });
  assert.equal(cli('grant', '--series', 'ocop-2021', '--email', 'nhu@example.vn', '--reason', 'Thử nghiệm').status, 0);
  assert.equal(cli('issue', '--series', 'ocop-2021').status, 0);
  [serial, code] = sql(srv.db, 'select serial || \'|\' || code from certificates').split('|');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const phone = () => browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
const noSideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('the QR link opens a verification page that reads well on a phone', async () => {
  const ctx = await phone();
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/verify/${shown(code)}`);
  const stamp = page.locator('.verdict .stamp');
  assert.match(await stamp.textContent(), /hợp lệ/);
  assert.ok(await stamp.isVisible());
  assert.equal(await page.textContent('.holder'), 'Tôn Nữ Thị Hoàng Quỳnh Như');
  assert.match(await page.textContent('.facts'), new RegExp(serial));
  assert.ok(await noSideScroll(page), 'no sideways scrolling at 360 px');
  // The verdict is on the first screen, without scrolling.
  const box = await page.locator('.verdict').boundingBox();
  assert.ok(box.y < 740 && box.y + 60 < 740, 'verdict visible at once');
  await page.screenshot({ path: `${SHOTS}verify-phone.png`, fullPage: true });

  // Typed from paper: lower case, spaces, O for 0.
  await page.fill('#code', shown(code).toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'));
  await Promise.all([page.waitForURL(`${srv.url}/verify/${shown(code)}`), page.click('.lookup form:not(.alt) button')]);
  assert.match(await page.textContent('.verdict .stamp'), /hợp lệ/);
  await ctx.close();
});

test('a wrong code says not found; a revoked certificate says so in red', async () => {
  const ctx = await phone();
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/verify`);
  await page.fill('#code', 'ABCDE-FGHJK-MNPQR-STVWX');
  await page.click('.lookup form:not(.alt) button');
  await page.waitForSelector('.notice');
  assert.match(await page.textContent('.notice'), /Không tìm thấy/);
  assert.ok(await noSideScroll(page));

  const r = spawnSync(BIN, ['certificates', 'revoke', serial, '--reason', 'Cấp nhầm', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  await page.goto(`${srv.url}/verify/${code}`);
  assert.match(await page.textContent('.verdict .stamp'), /thu hồi/);
  const color = await page.locator('.verdict .stamp').evaluate((e) => getComputedStyle(e).color);
  assert.equal(color, 'rgb(179, 38, 30)');
  await page.screenshot({ path: `${SHOTS}verify-phone-revoked.png`, fullPage: true });
  await ctx.close();
});

test('the participant sees the certificate box on the personal page', async () => {
  sql(srv.db, "update certificates set status = 'valid', revoked_at = null, revoke_reason = null");
  const ctx = await phone();
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/me/${reg.token}`);
  const link = page.locator('.certbox a.button');
  assert.match(await link.textContent(), /Tải giấy chứng nhận/);
  const res = await page.request.get(srv.url + await link.getAttribute('href'));
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.ok(await noSideScroll(page));
  await page.screenshot({ path: `${SHOTS}me-certificate.png` });
  await ctx.close();
});
