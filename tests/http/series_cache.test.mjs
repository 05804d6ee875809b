// series_cache.test.mjs: the public series page is kept rendered between
// requests (web/series.c); every kind of change it shows must still appear
// on the very next request, well within the second the kept page may live:
// the series row, organisers, sessions, topics (add, edit, move, delete),
// materials (upload, public, delete), the registration count, and opening
// or closing registration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { apiRegister, person, sql, text } from '../lib/ocop.mjs';
import { addAccount, login, PNG_1x1 } from '../lib/admin.mjs';

const SLUG = 'cache-2026';
const BASE = `/admin/series/${SLUG}`;
let srv, org;

const seriesForm = (over = {}) => ({
  title: 'Tập huấn bộ đệm', slug: SLUG, description: 'Mô tả',
  reg_opens_date: '2026-01-01', reg_opens_time: '08:00',
  reg_closes_date: '31/12/2099', reg_closes_time: '17:00', capacity: '',
  org1_name: 'Sở Nông nghiệp', org1_short: 'SNN', org1_url: 'https://example.vn',
  ...over,
});

async function post(path, fields, { multipart = false, files = {} } = {}) {
  const all = { csrf: org.csrf, ...fields };
  let body;
  const headers = { Cookie: org.cookie };
  if (multipart) {
    body = new FormData();
    for (const [k, v] of Object.entries(all)) body.append(k, v);
    for (const [k, f] of Object.entries(files)) body.append(k, new Blob([f.data], { type: f.type }), f.name);
  } else {
    body = new URLSearchParams(all).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(srv.url + path, { method: 'POST', headers, body, redirect: 'manual' });
  const html = await res.text();
  assert.equal(res.status, 303, `${path}: ${html.slice(0, 300)}`);
}

// The page twice: the second answer comes from the kept copy.
async function page() {
  const a = await (await fetch(`${srv.url}/s/${SLUG}`)).text();
  const b = await (await fetch(`${srv.url}/s/${SLUG}`)).text();
  assert.equal(a, b, 'the same page twice in a row');
  return a;
}

const sid = () => sql(srv.db, `select id from series where slug = '${SLUG}'`);
const topics = () => sql(srv.db, `select id from topics where series_id = ${sid()} order by position`).split('\n');

before(async () => {
  srv = await startServer();
  org = await login(srv.url, 'org@example.vn', addAccount(srv, 'org@example.vn', 'organizer'));
  await post('/admin/series/new', seriesForm(), { multipart: true });
  await post(`${BASE}/sessions/new`, { title: 'Buổi một', date: '2026-03-02', start: '08:00', end: '11:30', zoom_url: '', facebook_url: '', youtube_url: '' });
});
after(async () => { await srv.stop(); });

test('series row and organisers: an edit shows on the next request', async () => {
  assert.match(await page(), /Tập huấn bộ đệm/);
  await post(`${BASE}/edit`, seriesForm({ title: 'Tập huấn bộ đệm – sửa', org1_name: 'Sở Công Thương' }), { multipart: true });
  const p = await page();
  assert.match(p, /Tập huấn bộ đệm – sửa/);
  assert.match(p, /Sở Công Thương/);
  await post(`${BASE}/edit`, seriesForm({ title: 'Tập huấn bộ đệm – sửa' }), { multipart: true, files: { org1_logo: { data: PNG_1x1, type: 'image/png', name: 'logo.png' } } });
  assert.match(await page(), new RegExp(`/s/${SLUG}/logo/1\\?v=`), 'a new logo shows');
});

test('sessions and topics: add, edit, move, delete show on the next request', async () => {
  const s1 = sql(srv.db, `select id from sessions where series_id = ${sid()}`);
  assert.match(await page(), /08:00–11:30/);
  await post(`${BASE}/sessions/${s1}`, { title: 'Buổi một', date: '2026-03-02', start: '08:00', end: '11:45', zoom_url: '', facebook_url: '', youtube_url: '' });
  assert.match(await page(), /08:00–11:45/);
  await post(`${BASE}/sessions/new`, { title: 'Buổi hai', date: '2026-03-03', start: '13:30', end: '16:00', zoom_url: '', facebook_url: '', youtube_url: '' });
  assert.match(await page(), /13:30–16:00/);

  for (const title of ['Chủ đề Một', 'Chủ đề Hai']) {
    await post(`${BASE}/topics/new`, { title, speaker: '', speaker_org: '', session_id: s1 });
    assert.match(await page(), new RegExp(title));
  }
  const [t1, t2] = topics();
  await post(`${BASE}/topics/${t1}`, { title: 'Chủ đề Một (sửa)', speaker: 'TS. Lê Văn Bình', speaker_org: '', session_id: s1 });
  let p = await page();
  assert.match(p, /Chủ đề Một \(sửa\)/);
  assert.match(p, /TS\. Lê Văn Bình/);
  await post(`${BASE}/topics/${t2}/move`, { dir: 'up' });
  p = text(await page());
  assert.ok(p.indexOf('Chủ đề Hai') < p.indexOf('Chủ đề Một'), 'the moved topic comes first');
  await post(`${BASE}/topics/${t2}/delete`, {});
  assert.doesNotMatch(await page(), /Chủ đề Hai/);
  const s2 = sql(srv.db, `select id from sessions where series_id = ${sid()} and title = 'Buổi hai'`);
  await post(`${BASE}/sessions/${s2}/delete`, { confirm: '1' });
  assert.doesNotMatch(await page(), /13:30–16:00/);
});

test('materials: upload, marking public, deletion show on the next request', async () => {
  const upload = async (title) => {
    const fd = new FormData();
    fd.append('csrf', org.csrf);
    fd.append('title', title);
    fd.append('file', new Blob([PNG_1x1]), 'so-do.png');
    const res = await fetch(`${srv.url}${BASE}/materials`, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: org.cookie } });
    assert.equal(res.status, 303);
    await res.arrayBuffer();
    return sql(srv.db, 'select max(id) from materials');
  };
  assert.doesNotMatch(await page(), /Sơ đồ bộ đệm/);
  const id = await upload('Sơ đồ bộ đệm');
  assert.doesNotMatch(await page(), /Sơ đồ bộ đệm/, 'not public yet');
  await post(`${BASE}/materials/${id}/public`, { public: '1' });
  assert.match(await page(), /Sơ đồ bộ đệm/);
  await post(`${BASE}/materials/${id}/public`, { public: '0' });
  assert.doesNotMatch(await page(), /Sơ đồ bộ đệm/);
  await post(`${BASE}/materials/${id}/public`, { public: '1' });
  assert.match(await page(), /Sơ đồ bộ đệm/);
  await post(`${BASE}/materials/${id}/delete`, {});
  assert.doesNotMatch(await page(), /Sơ đồ bộ đệm/);
});

test('the registration count follows this server\'s own registrations at once', async () => {
  const count = (html) => /<p class="count"><strong>([^<]*)<\/strong>/.exec(html)[1];
  assert.equal(count(await page()), '0');
  for (const n of [1, 2]) {
    const { res } = await apiRegister(srv.url, person({ email: `cache${n}@example.vn` }), SLUG);
    assert.equal(res.status, 201);
    assert.equal(count(await page()), String(n));
  }
});

test('closing registration shows on the next request', async () => {
  assert.match(await page(), new RegExp(`href="/s/${SLUG}/register"`));
  await post(`${BASE}/edit`, seriesForm({ title: 'Tập huấn bộ đệm – sửa', reg_opens_date: '2026-01-01', reg_closes_date: '2026-01-02' }), { multipart: true });
  const p = await page();
  assert.doesNotMatch(p, new RegExp(`href="/s/${SLUG}/register"`));
  assert.match(p, /Đã hết thời gian đăng ký/);
});
