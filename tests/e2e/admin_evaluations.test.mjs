// admin_evaluations.test.mjs: an organiser on a laptop (1280x800) opens the
// evaluations of the live demo series, edits one, looks at a locked
// question and at the results of a dozen submissions.  Screenshots go to
// tests/e2e/screenshots/ (admin-eval-*.png) for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ocop } from '../lib/server.mjs';
import { sql, person, apiRegister } from '../lib/ocop.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
let srv, ctx, page, profile, password;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer({ live: true });
  password = /password: (\S+)/.exec(ocop(['admin', 'add', 'btc@ocop.vn', '--role', 'admin', '--db', srv.db]))[1];
  profile = mkdtempSync(join(tmpdir(), 'ocop-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
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

// A dozen people answer the open evaluation, some right, some wrong.
async function answers(evalId) {
  for (let i = 0; i < 12; i++) {
    const tok = (await apiRegister(srv.url, person({ full_name: `Học viên số ${i + 1}` }), 'ocop-live')).json.registration.token;
    const ev = await (await fetch(`${srv.url}/api/v1/me/${tok}/evaluations/${evalId}`)).json();
    const a = {};
    for (const q of ev.questions) {
      const opts = q.options.map((o) => o.id);
      if (q.kind === 'single') a[q.id] = opts[(i * 7 + q.id) % opts.length];
      else if (q.kind === 'multiple') a[q.id] = opts.filter((_, k) => (i + k) % 3 !== 0);
      else if (q.kind === 'rating') a[q.id] = 1 + ((i * 3 + q.id) % 5);
      else if (i % 3 === 0) a[q.id] = ['Nội dung rất hữu ích, cảm ơn Ban tổ chức.', 'Âm thanh Zoom đôi lúc bị rè.', 'Mong có thêm tài liệu <PDF> & ví dụ thực tế.', 'Góp ý: nên kéo dài buổi thảo luận.'][i % 4];
    }
    const r = await fetch(`${srv.url}/api/v1/me/${tok}/evaluations/${evalId}/submissions`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ form_id: ev.form_id, answers: a }),
    });
    assert.equal(r.status, 201);
  }
}

test('the evaluations console at 1280x800', async () => {
  const evalId = sql(srv.db, "select e.id from evaluations e join series s on s.id = e.series_id where s.slug = 'ocop-live' order by e.opens_at limit 1");
  await answers(evalId);
  const base = '/admin/series/ocop-live/evaluations';

  await page.goto(srv.url + '/admin/login');
  await page.fill('#email', 'btc@ocop.vn');
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin$/);

  await page.goto(srv.url + base);
  await page.getByRole('heading', { name: 'Bài đánh giá', level: 1 }).waitFor();
  await noHorizontalScroll();
  await shot('admin-eval-1-list.png');

  await page.goto(`${srv.url}${base}/${evalId}`);
  await page.locator('summary', { hasText: 'Thiết lập' }).click();
  await page.locator('summary', { hasText: 'Thêm câu hỏi' }).click();
  await noHorizontalScroll();
  await shot('admin-eval-2-edit.png');

  await page.locator('.qitem a').first().click();
  await page.getByText('Ngừng dùng và thay thế').first().waitFor();
  await noHorizontalScroll();
  await shot('admin-eval-3-question-locked.png');

  await page.goto(`${srv.url}${base}/${evalId}/results`);
  assert.ok(await page.locator('figure.chart svg').count() >= 5);
  await noHorizontalScroll();
  await shot('admin-eval-4-results.png');

  await page.goto(`${srv.url}${base}/${evalId}/results?q=gop+y`);
  await page.locator('#texts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'admin-eval-5-search.png') });

  await page.locator('table.texts a').first().click();
  await page.getByText('Điểm là điểm đã chấm khi nộp bài').waitFor();
  await noHorizontalScroll();
  await shot('admin-eval-6-person.png');

  await page.goto(`${srv.url}${base}/new`);
  await noHorizontalScroll();
  await shot('admin-eval-7-new.png');
});
