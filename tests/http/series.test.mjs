// series.test.mjs: the list of series and the public series page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { apiRegister, person, assertHeaders, text, SESSION_DATES } from '../lib/ocop.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const TITLE = 'Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm (OCOP) năm 2021';

async function page(path) {
  const res = await fetch(srv.url + path);
  return { res, html: await res.text() };
}

test('home page lists the 2021 series with a link and its dates', async () => {
  const { res, html } = await page('/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(html, /<a href="\/s\/ocop-2021">/);
  assert.ok(html.includes(TITLE));
  assert.ok(text(html).includes('28/09/2021 – 13/10/2021'));
});

test('series page shows the title in <title> and <h1>', async () => {
  const { res, html } = await page('/s/ocop-2021');
  assert.equal(res.status, 200);
  assert.match(html, /<html lang="vi">/);
  assert.ok(new RegExp(`<h1>${TITLE.replace(/[()]/g, '\\$&')}</h1>`).test(html));
  assert.ok(/<title>[^<]*OCOP[^<]*<\/title>/.test(html));
});

test('series page names the three organisers', async () => {
  const { html } = await page('/s/ocop-2021');
  const t = text(html);
  for (const org of ['Trung tâm Phát triển Nông thôn Saemaul Undong',
    'Văn phòng Điều phối Nông thôn mới Trung ương', 'Tổ chức Đại học Pháp ngữ (AUF)']) {
    assert.ok(t.includes(org), `organiser ${org}`);
  }
});

test('series page lists 8 sessions on the right dates, 08:00–11:30', async () => {
  const { html } = await page('/s/ocop-2021');
  const sessions = html.split('<li class="session">').slice(1);
  assert.equal(sessions.length, 8);
  sessions.forEach((s, i) => {
    const t = text(s);
    assert.ok(t.includes(`Buổi ${i + 1}`), `Buổi ${i + 1}`);
    assert.ok(t.includes(SESSION_DATES[i]), `session ${i + 1} on ${SESSION_DATES[i]}: ${t.slice(0, 80)}`);
    assert.ok(t.includes('08:00–11:30'), `session ${i + 1} hours`);
  });
  // machine-readable times in Vietnam's zone
  const times = [...html.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(times.length, 8);
  assert.equal(times[0], '2021-09-28T08:00:00+07:00');
  assert.equal(times[7], '2021-10-13T08:00:00+07:00');
});

test('series page lists the 11 topics in order, Chuyên đề 1. to 11.', async () => {
  const { html } = await page('/s/ocop-2021');
  const nums = [...text(html).matchAll(/Chuyên đề (\d+)\./g)].map((m) => Number(m[1]));
  assert.deepEqual(nums, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.ok(text(html).includes('Ứng dụng chuyển đổi số trong Chương trình OCOP'));
});

test('series page links the Zoom, Facebook and YouTube channels', async () => {
  const { html } = await page('/s/ocop-2021');
  assert.match(html, /<a href="https:\/\/zoom\.us\/[^"]+"[^>]*>Zoom/);
  assert.match(html, /<a href="https:\/\/www\.facebook\.com\/[^"]+"[^>]*>[^<]*Facebook/);
  assert.match(html, /<a href="https:\/\/[a-z.]*youtube\.com\/[^"]+"[^>]*>[^<]*YouTube/);
});

test('series page has a register button and the registration count follows registrations', async () => {
  const before = await page('/s/ocop-2021');
  assert.match(before.html, /<a class="button" href="\/s\/ocop-2021\/register">/);
  const m = /(\d+)<\/strong> người đã đăng ký/.exec(before.html) || /(\d+) người đã đăng ký/.exec(text(before.html));
  assert.ok(m, 'shows "N người đã đăng ký"');
  const n = Number(m[1]);
  for (let i = 0; i < 2; i++) assert.equal((await apiRegister(srv.url, person())).res.status, 201);
  const after = await page('/s/ocop-2021');
  assert.ok(text(after.html).includes(`${n + 2} người đã đăng ký`));
});

test('HEAD on the series page answers 200 without a body', async () => {
  const res = await fetch(srv.url + '/s/ocop-2021', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
});

test('unknown series answers a readable 404 page', async () => {
  const { res, html } = await page('/s/khong-co');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(html, /<h1>/);
  assert.match(html, /<a href="\/">/, 'a way back to the list');
});

test('the stylesheet is served as text/css', async () => {
  const res = await fetch(srv.url + '/static/style.css');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/css/);
  assert.ok((await res.text()).length > 100);
});

test('every kind of response carries nosniff and a Content-Security-Policy', async () => {
  const reqs = [
    ['/', {}], ['/healthz', {}], ['/s/ocop-2021', {}], ['/s/ocop-2021/register', {}],
    ['/static/style.css', {}], ['/api/v1/series/ocop-2021', {}], ['/khong-co', {}],
    ['/api/v1/series/khong-co', {}], ['/s/ocop-2021', { method: 'DELETE' }],
    ['/s/ocop-2021/register', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=b' }],
    ['/api/v1/series/ocop-2021/registrations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }],
  ];
  for (const [path, opts] of reqs) {
    const res = await fetch(srv.url + path, { redirect: 'manual', ...opts });
    await res.arrayBuffer();
    assertHeaders(res, `${opts.method || 'GET'} ${path} (${res.status})`);
  }
});

test('the CSRF cookie is HttpOnly and SameSite=Lax', async () => {
  const res = await fetch(srv.url + '/s/ocop-2021/register');
  await res.text();
  const cookies = res.headers.getSetCookie();
  assert.ok(cookies.length >= 1, 'the form sets a cookie');
  for (const c of cookies) {
    assert.match(c, /;\s*HttpOnly/i, c);
    assert.match(c, /;\s*SameSite=Lax/i, c);
    assert.match(c, /;\s*Path=\//i, c);
  }
});
