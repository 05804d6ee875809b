// register.test.mjs: a person on a phone finds the series, registers, and
// adds the sessions to their calendar.  Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../lib/server.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
let srv, ctx, page, profile;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  profile = mkdtempSync(join(tmpdir(), 'ocop-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  page = ctx.pages()[0] || await ctx.newPage();
});

after(async () => {
  await ctx?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await srv?.stop();
});

const shot = (name) => page.screenshot({ path: join(SHOTS, name), fullPage: true });

async function noHorizontalScroll() {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw + 1, `page is ${sw}px wide on a ${cw}px screen`);
}

test('a person on a phone registers and gets the calendar', async () => {
  // 1. the home page, then the series page
  await page.goto(srv.url + '/');
  await shot('01-home.png');
  await page.getByRole('link', { name: /Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm/ }).first().click();
  await page.waitForURL(/\/s\/ocop-2021$/);
  await assert.doesNotReject(page.getByRole('heading', { level: 1 }).waitFor());
  const sessions = page.locator('li.session');
  assert.equal(await sessions.count(), 8);
  for (let i = 0; i < 8; i++) assert.ok(await sessions.nth(i).isVisible(), `session ${i + 1} visible`);
  for (let n = 1; n <= 11; n++) {
    const t = page.getByText(`Chuyên đề ${n}.`, { exact: true });
    assert.equal(await t.count(), 1, `Chuyên đề ${n}.`);
    assert.ok(await t.isVisible(), `Chuyên đề ${n}. visible`);
  }
  assert.ok(await page.getByText(/\d+ người đã đăng ký/).isVisible());
  await noHorizontalScroll();
  await shot('02-series.png');

  // 2. the form, sent empty
  await page.getByRole('link', { name: 'Đăng ký tham gia' }).first().click();
  await page.waitForURL(/\/s\/ocop-2021\/register$/);
  await noHorizontalScroll();
  await shot('03-form.png');
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await page.waitForLoadState('domcontentloaded');
  const errors = page.locator('p.err');
  assert.ok(await errors.count() >= 5, `${await errors.count()} field errors`);
  assert.ok(await errors.first().isVisible());
  await noHorizontalScroll();
  await shot('04-form-errors.png');

  // 3. filled in properly, with a Vietnamese name
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Thu Hường');
  await page.getByLabel('E-mail').fill('thuhuong.e2e@example.vn');
  await page.getByLabel('Số điện thoại').fill('0912 345 678');
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Cần Thơ' });
  await page.getByLabel('Đối tượng tham gia').selectOption('cooperative');
  await page.getByLabel('Đơn vị công tác, doanh nghiệp, HTX').fill('HTX Nông nghiệp Phong Điền');
  await page.getByLabel('Chức vụ').fill('Phó Giám đốc');
  await page.getByLabel(/Tôi đồng ý/).check();
  await shot('05-form-filled.png');
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await page.waitForURL(/\/me\/[A-Za-z0-9_-]+\?new=1$/);

  // 4. the personal page
  assert.ok(await page.getByText('Đăng ký thành công').isVisible());
  assert.ok(await page.getByText('Nguyễn Thị Thu Hường').first().isVisible());
  assert.equal(await page.locator('li.session').count(), 8);
  await noHorizontalScroll();
  await shot('06-personal.png');

  // 5. the calendar link
  const link = page.getByRole('link', { name: /\.ics/ });
  const href = await link.getAttribute('href');
  assert.match(href, /\/calendar\.ics$/);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), link.click()]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const body = readFileSync(await download.path(), 'utf8');
  assert.ok(body.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.equal((body.match(/BEGIN:VEVENT/g) || []).length, 8);
  const res = await page.request.get(new URL(href, page.url()).toString());
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/calendar/);
  await shot('07-after-ics.png');
});
