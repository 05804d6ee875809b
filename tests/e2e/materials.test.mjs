// materials.test.mjs (browser): an organiser logs in, uploads a PDF through
// the form (and is told clearly when a file is of the wrong type); a
// participant registers on a phone, opens the personal page, sees the
// material under "Tài liệu" and gets the same bytes.  (Editing a session's
// Zoom link belongs to the session-editing work and is tested there.)
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../lib/server.mjs';
import { person } from '../lib/ocop.mjs';
import { addAccount, minimalPdf } from '../lib/admin.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const SLUG = 'ocop-2021';
let srv, browser, password;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  password = addAccount(srv, 'bantochuc@example.vn', 'organizer', SLUG);
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

const sha = (b) => createHash('sha256').update(b).digest('hex');
const pdf = minimalPdf();

test('an organiser uploads a PDF for a topic; a wrong file gets a clear message', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/admin/login`);
  await page.fill('#email', 'bantochuc@example.vn');
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${srv.url}/admin`), page.click('button[type=submit].button')]);

  await page.goto(`${srv.url}/admin/series/${SLUG}/materials`);
  await page.setInputFiles('#file', { name: 'Slide chuyên đề 4.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.fill('#title', 'Slide: Xây dựng câu chuyện sản phẩm');
  await page.selectOption('#topic_id', { label: 'Chuyên đề 4: Xây dựng câu chuyện sản phẩm OCOP' });
  await Promise.all([page.waitForURL(/done=upload/), page.click('form.upload button[type=submit]')]);
  assert.match(await page.textContent('.success'), /Đã tải lên tài liệu/);
  const row = page.locator('table.files tbody tr', { hasText: 'Slide: Xây dựng câu chuyện sản phẩm' });
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /Chuyên đề 4/);
  assert.match(await row.textContent(), /Slide chuyên đề 4\.pdf/);
  await page.screenshot({ path: `${SHOTS}materials-admin.png`, fullPage: true });

  // Public for a moment: the series page lists it; then back to participants only.
  await Promise.all([page.waitForURL(/done=public/), row.locator('button', { hasText: 'Đặt công khai' }).click()]);
  assert.match(await row.textContent(), /Mọi người/);
  const pub = await ctx.newPage();
  await pub.goto(`${srv.url}/s/${SLUG}`);
  assert.equal(await pub.locator('ul.files a', { hasText: 'Slide: Xây dựng câu chuyện sản phẩm' }).count(), 1);
  await pub.close();
  await Promise.all([page.waitForURL(/done=public/), row.locator('button', { hasText: 'Bỏ công khai' }).click()]);
  assert.match(await row.textContent(), /Người đã đăng ký/);

  // A program renamed .pdf: refused from its content, the form says why.
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(400)]);
  await page.setInputFiles('#file', { name: 'tai-lieu.pdf', mimeType: 'application/pdf', buffer: exe });
  await page.fill('#title', 'Không hợp lệ');
  await Promise.all([page.waitForLoadState('load'), page.click('form.upload button[type=submit]')]);
  const alert = await page.textContent('[role=alert]');
  assert.match(alert, /Không nhận loại tệp này/);
  assert.equal(await page.inputValue('#title'), 'Không hợp lệ');
  assert.equal(await page.locator('table.files tbody tr').count(), 1, 'nothing added');
  await page.screenshot({ path: `${SHOTS}materials-admin-refused.png`, fullPage: true });
  await ctx.close();
});

test('a participant registers on a phone and finds the PDF on the personal page', async () => {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'vi-VN',
  });
  const page = await ctx.newPage();
  const p = person();
  await page.goto(`${srv.url}/s/${SLUG}/register`);
  await page.fill('#full_name', p.full_name);
  await page.fill('#email', p.email);
  await page.fill('#phone', p.phone);
  await page.selectOption('#province_code', p.province_code);
  await page.selectOption('#category', p.category);
  await page.check('#consent');
  await Promise.all([page.waitForURL(/\/me\/[A-Za-z0-9_-]+\?new=1$/), page.click('form button[type=submit]')]);

  const heading = page.locator('h2', { hasText: 'Tài liệu' });
  assert.equal(await heading.count(), 1);
  const link = page.locator('ul.files a', { hasText: 'Slide: Xây dựng câu chuyện sản phẩm' });
  assert.equal(await link.count(), 1);
  const item = await page.locator('ul.files li').first().textContent();
  assert.match(item, /PDF/);
  assert.match(item, /Chuyên đề 4/);
  await page.screenshot({ path: `${SHOTS}materials-me-phone-full.png`, fullPage: true });
  await page.evaluate(() => document.querySelector('ul.files').scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${SHOTS}materials-me-phone.png` });

  const href = await link.getAttribute('href');
  assert.match(href, /^\/me\/[A-Za-z0-9_-]+\/materials\/\d+$/);
  const res = await page.request.get(srv.url + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.equal(sha(await res.body()), sha(pdf));

  // The public page of the series does not list it (not public).
  await page.goto(`${srv.url}/s/${SLUG}`);
  assert.equal(await page.locator('ul.files').count(), 0);
  await ctx.close();
});
