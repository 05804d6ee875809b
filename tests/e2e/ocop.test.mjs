// ocop.test.mjs: a participant on a phone (360x740) assesses their product against
// the OCOP criteria: starts from the personal page, answers half, saves, comes back,
// finishes, sees the stars, downloads the PDF report.  Also the public demo.
// Screenshots go to tests/e2e/screenshots/ (ocop-*.png) for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, ocop } from '../lib/server.mjs';
import { person, apiRegister } from '../lib/ocop.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const SET = 'qd1048-2019-che-bien-rau-cu-qua-hat';
let srv, ctx, page, profile, sheet;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  sheet = JSON.parse(ocop(['criteria', '--db', srv.db, 'show', '--set', SET]));
  profile = mkdtempSync(join(tmpdir(), 'ocop-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
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

const shot = (name, fullPage = true) => page.screenshot({ path: join(SHOTS, name), fullPage });

async function noHorizontalScroll(where) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw + 1, `${where}: page is ${sw}px wide on a ${cw}px screen`);
}

// The best option that is not a knock-out, except one step lower on every third criterion.
function choice(c, i) {
  const ok = c.options.map((o, k) => ({ ...o, pos: k + 1 })).filter((o) => !o.knockout);
  ok.sort((a, b) => a.points - b.points);
  return ok[Math.max(0, ok.length - 1 - (i % 3 === 0 ? 1 : 0))].pos;
}

// Taps the option's label, as a thumb would (the radio itself is small).
async function answer(codes) {
  for (const [i, c] of sheet.criteria.entries()) {
    if (!codes.includes(c.code)) continue;
    const radio = page.locator(`input[type=radio][value="${c.code}:${choice(c, i)}"]`);
    if (!(await radio.isVisible())) continue;
    await radio.locator('xpath=ancestor::label').tap();
    assert.ok(await radio.isChecked(), c.code);
  }
}

test('a participant on a phone completes a self-assessment and downloads the PDF', async () => {
  const { json } = await apiRegister(srv.url, person({ organization: 'HTX Nông sản Hòa Lộc' }));
  const token = json.registration.token;

  await page.goto(`${srv.url}/me/${token}`);
  await page.getByRole('link', { name: 'Tự đánh giá sản phẩm' }).tap();
  await page.waitForURL(/\/ocop$/);
  await shot('ocop-01-start.png');
  await noHorizontalScroll('start');
  await page.selectOption('#set', SET);
  await page.fill('#product_name', 'Xoài sấy dẻo Cát Chu');
  await page.getByRole('button', { name: 'Bắt đầu tự đánh giá' }).tap();
  await page.waitForURL(/\/ocop\/\d+$/);
  const formUrl = page.url();
  await shot('ocop-02-form-top.png', false);
  await noHorizontalScroll('form');

  // Guidance opens in place, beside the options.
  const guide = page.locator('#c-1\\.1 details.guide');
  await guide.locator('summary').tap();
  assert.ok(await guide.locator('p').first().isVisible());
  await page.selectOption('#province_code', '79');

  // Half, then "Lưu"; the answers are there when the page is opened again.
  const codes = sheet.criteria.map((c) => c.code);
  const half = codes.slice(0, 15);
  await answer(half);
  await page.getByRole('button', { name: 'Lưu', exact: true }).tap();
  await page.waitForURL(/\?saved=1$/);
  assert.ok(await page.getByText('Đã lưu.').isVisible());
  await shot('ocop-03-saved.png', false);
  await page.goto(formUrl);
  for (const [i, c] of sheet.criteria.entries())
    if (half.includes(c.code))
      assert.ok(await page.locator(`input[value="${c.code}:${choice(c, i)}"]`).isChecked(), `${c.code} kept`);
  assert.equal(await page.locator('#province_code').inputValue(), '79');

  // The sticky bar stays on screen while scrolling the long form.
  await page.locator('#c-6\\.1').scrollIntoViewIfNeeded();
  const bar = await page.locator('.actions').boundingBox();
  assert.ok(bar && bar.y + bar.height <= 741 && bar.y > 600, `action bar at ${JSON.stringify(bar)}`);
  await shot('ocop-04-form-middle.png', false);

  // The rest (5.2 and 5.3 appear once 5.1 is answered), two documents, the result.
  await answer(codes.slice(15));
  await answer(codes.slice(15)); // conditional criteria
  await page.locator('label[for="doc-1"]').tap();
  await page.locator('label[for="doc-4"]').tap();
  await shot('ocop-05-form-full.png');
  await page.getByRole('button', { name: 'Xem kết quả' }).tap();
  await page.waitForURL(/\/result$/);
  const stars = await page.locator('.score .stars').getAttribute('aria-label');
  assert.match(stars, /^[1-5] sao$/);
  assert.match(await page.locator('#outcome').textContent(), /Dự kiến đạt [1-5] sao/);
  const total = Number(await page.locator('#total').textContent());
  assert.ok(total >= 50 && total <= 100, `total ${total}`);
  assert.ok(await page.getByRole('heading', { name: 'Nên cải thiện trước' }).isVisible());
  assert.equal(await page.locator('.dossier li.have').count(), 2);
  await noHorizontalScroll('result');
  await shot('ocop-06-result-top.png', false);
  await shot('ocop-07-result.png');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải phiếu tự đánh giá (PDF)' }).tap(),
  ]);
  const file = join(profile, 'report.pdf');
  await download.saveAs(file);
  const pdf = readFileSync(file);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const txt = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  assert.ok(txt.includes('Xoài sấy dẻo Cát Chu'));
  assert.ok(txt.includes(`TỔNG ĐIỂM: ${total}/100`));
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, join(SHOTS, 'ocop-08-pdf')]);
});

test('the public demo works on a phone without saving', async () => {
  await page.goto(`${srv.url}/ocop`);
  await shot('ocop-09-demo.png');
  await page.getByRole('link', { name: /Chế biến từ rau, củ, quả, hạt/ }).tap();
  await page.waitForURL(/\/ocop\?set=/);
  assert.equal(await page.getByRole('button', { name: 'Lưu', exact: true }).count(), 0);
  // Nothing answered: the form comes back with every criterion marked.
  await page.getByRole('button', { name: 'Xem kết quả' }).tap();
  await page.waitForSelector('#missing');
  await shot('ocop-10-demo-missing.png', false);
  const codes = sheet.criteria.map((c) => c.code);
  await answer(codes);
  await answer(codes);
  await page.getByRole('button', { name: 'Xem kết quả' }).tap();
  await page.waitForSelector('#total');
  assert.ok(await page.getByText('Bản dùng thử: kết quả này không được lưu.').isVisible());
  await noHorizontalScroll('demo result');
});
