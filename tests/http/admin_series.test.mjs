// admin_series.test.mjs: the console's series editing: create, edit (the
// public page follows at once), sessions with a confirmed delete, topics,
// members, logos, roles, CSRF, the audit log, and bad input that changes
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ocop } from '../lib/server.mjs';
import { sql, text } from '../lib/ocop.mjs';

let srv;
const users = {};

// Creates an account with the CLI and returns its password.
function account(email, role) {
  const out = ocop(['admin', 'add', email, '--role', role, '--db', srv.db]);
  return /password: (\S+)/.exec(out)[1];
}

// A logged-in client: keeps the cookies, knows the current CSRF token.
async function login(email, password) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const client = {
    csrf: null,
    async get(path) {
      const res = await fetch(srv.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' });
      keep(res);
      const html = await res.text();
      const m = /name="csrf" value="([^"]+)"/.exec(html);
      if (m) client.csrf = m[1];
      return { res, html, status: res.status };
    },
    async post(path, fields = {}, { csrf = true, multipart = false, files = {} } = {}) {
      const all = { ...(csrf ? { csrf: client.csrf } : {}), ...fields };
      let body;
      const headers = { Cookie: cookie() };
      if (multipart) {
        body = new FormData();
        for (const [k, v] of Object.entries(all)) body.append(k, v);
        for (const [k, f] of Object.entries(files)) body.append(k, new Blob([f.data], { type: f.type }), f.name);
      } else {
        body = new URLSearchParams(all).toString();
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
      const res = await fetch(srv.url + path, { method: 'POST', headers, body, redirect: 'manual' });
      keep(res);
      return { res, html: await res.text(), status: res.status, location: res.headers.get('location') };
    },
  };
  const page = await client.get('/admin/login');
  assert.equal(page.status, 200);
  const res = await client.post('/admin/login', { email, password });
  assert.equal(res.status, 303, 'login redirects');
  return client;
}

const series = (over = {}) => ({
  title: 'Tập huấn OCOP 2026', slug: 'ocop-2026', description: 'Dòng 1\nDòng 2',
  reg_opens_date: '2026-01-01', reg_opens_time: '08:00',
  reg_closes_date: '31/12/2026', reg_closes_time: '17:00', capacity: '500',
  org1_name: 'Văn phòng Điều phối nông thôn mới Trung ương', org1_short: 'VPĐP', org1_url: 'https://nongthonmoi.gov.vn',
  ...over,
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  srv = await startServer();
  users.admin = await login('admin@ocop.vn', account('admin@ocop.vn', 'admin'));
  users.org = await login('org@ocop.vn', account('org@ocop.vn', 'organizer'));
  users.other = await login('other@ocop.vn', account('other@ocop.vn', 'organizer'));
  users.viewer = await login('viewer@ocop.vn', account('viewer@ocop.vn', 'viewer'));
  await users.org.get('/admin/series/new');
  const r = await users.org.post('/admin/series/new', series(), { multipart: true, files: { org1_logo: { data: PNG, type: 'image/png', name: 'logo.png' } } });
  assert.equal(r.status, 303, r.html.slice(0, 500));
  assert.equal(r.location, '/admin/series/ocop-2026?saved=1');
});
after(async () => { await srv.stop(); });

const count = (table) => Number(sql(srv.db, `select count(*) from ${table}`));
const sid = () => sql(srv.db, "select id from series where slug = 'ocop-2026'");

test('create: the organizer becomes a member; overview with tabs', async () => {
  assert.equal(sql(srv.db, `select u.email from series_members m join users u on u.id = m.user_id where m.series_id = ${sid()}`), 'org@ocop.vn');
  const p = await users.org.get('/admin/series/ocop-2026');
  assert.equal(p.status, 200);
  for (const tab of ['Thông tin', 'Buổi & chuyên đề', 'Người đăng ký', 'Tài liệu'])
    assert.match(p.html, new RegExp(tab));
  assert.match(p.html, /href="\/admin\/series\/ocop-2026\/registrations"/);
  assert.match(p.html, /href="\/admin\/series\/ocop-2026\/materials"/);
  assert.equal(sql(srv.db, `select reg_opens_at || ' ' || reg_closes_at || ' ' || capacity from series where id = ${sid()}`),
    `${Date.UTC(2026, 0, 1, 1) / 1000} ${Date.UTC(2026, 11, 31, 10) / 1000} 500`);
});

test('logo: served with an ETag, shown on the public page', async () => {
  const pub = await (await fetch(srv.url + '/s/ocop-2026')).text();
  const m = /src="(\/s\/ocop-2026\/logo\/1\?v=[0-9a-f]+)"/.exec(pub);
  assert.ok(m, 'public page shows the logo');
  const res = await fetch(srv.url + m[1]);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG);
  const etag = res.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(srv.url + '/s/ocop-2026/logo/1', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(srv.url + '/s/ocop-2026/logo/2')).status, 404);
});

test('edit: the public page reflects it at once; the audit log has before and after', async () => {
  const form = await users.org.get('/admin/series/ocop-2026/edit');
  assert.equal(form.status, 200);
  assert.match(form.html, /value="2026-01-01"/);
  const r = await users.org.post('/admin/series/ocop-2026/edit', series({ title: 'Tập huấn OCOP 2026 – đợt 1', capacity: '' }), { multipart: true });
  assert.equal(r.status, 303);
  const pub = await (await fetch(srv.url + '/s/ocop-2026')).text();
  assert.match(pub, /Tập huấn OCOP 2026 – đợt 1/);
  assert.match(pub, /\/s\/ocop-2026\/logo\/1/, 'the logo is kept');
  assert.equal(sql(srv.db, `select capacity is null from series where id = ${sid()}`), '1');
  const audit = await users.admin.get('/admin/audit');
  assert.match(audit.html, /series\.update/);
  const entry = /<td>series\.update<\/td><td>series\/ocop-2026<\/td><td><code>([^<]*)<\/code><\/td><td><code>([^<]*)<\/code>/.exec(audit.html);
  assert.ok(entry, 'an audit row for the update');
  const unq = (s) => JSON.parse(s.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#39;/g, "'"));
  assert.equal(unq(entry[1]).title, 'Tập huấn OCOP 2026');
  assert.equal(unq(entry[2]).title, 'Tập huấn OCOP 2026 – đợt 1');
  assert.equal(unq(entry[1]).capacity, 500);
  assert.equal(unq(entry[2]).capacity, null);
  assert.equal(unq(entry[2]).description, 'Dòng 1\nDòng 2');
});

test('edit: bad input answers 422 with messages and changes nothing', async () => {
  const before = sql(srv.db, `select * from series where id = ${sid()}`);
  const audits = count('audit_log');
  const cases = [
    [{ slug: 'Bad Slug!' }, 'slug', /chữ thường/],
    [{ slug: 'new' }, 'slug', /new/],
    [{ slug: 'ocop-2021' }, 'slug', /đã có chuỗi tập huấn khác dùng/],
    [{ title: 'x'.repeat(201) }, 'title', /Dài quá 200 ký tự/],
    [{ title: '' }, 'title', /Xin điền mục này/],
    [{ reg_closes_date: '2025-12-31', reg_closes_time: '08:00' }, 'reg_closes_date', /phải sau/],
    [{ reg_opens_date: '31/02/2026' }, 'reg_opens_date', /không hợp lệ/],
    [{ capacity: 'abc' }, 'capacity', /Nhập một số/],
    [{ org1_url: 'javascript:alert(1)' }, 'org1_url', /https:\/\//],
  ];
  for (const [over, field, msg] of cases) {
    const r = await users.org.post('/admin/series/ocop-2026/edit', series(over), { multipart: true });
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(over)} ${r.html.slice(0, 3000)}`);
    const m = new RegExp(`<div class="field[^"]*bad">\\s*<label for="${field}"[\\s\\S]*?<p class="err">([^<]*)</p>`).exec(r.html);
    assert.ok(m, `message beside ${field}`);
    assert.match(m[1], msg);
    const v = Object.values(over)[0];
    if (v && field !== 'title') assert.ok(r.html.includes(v.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/!/g, '!')) || r.html.includes(v), `value kept for ${field}`);
  }
  const bad = await users.org.post('/admin/series/ocop-2026/edit', series(), {
    multipart: true, files: { org1_logo: { data: Buffer.from('%PDF-1.4 not an image'), type: 'image/png', name: 'x.png' } },
  });
  assert.equal(bad.status, 422);
  assert.match(bad.html, /Logo phải là ảnh PNG hoặc JPEG/);
  assert.equal(sql(srv.db, `select * from series where id = ${sid()}`), before);
  assert.equal(count('audit_log'), audits);
});

test('slug change: allowed, the old address stops, the new one works', async () => {
  await users.org.get('/admin/series/ocop-2026/edit');
  const r = await users.org.post('/admin/series/ocop-2026/edit', series({ slug: 'ocop-2026b' }), { multipart: true });
  assert.equal(r.status, 303);
  assert.equal((await fetch(srv.url + '/s/ocop-2026b')).status, 200);
  assert.equal((await fetch(srv.url + '/s/ocop-2026')).status, 404);
  await users.org.get('/admin/series/ocop-2026b/edit');
  assert.equal((await users.org.post('/admin/series/ocop-2026b/edit', series(), { multipart: true })).status, 303);
});

const session = (over = {}) => ({ title: 'Buổi khai mạc', date: '2026-03-02', start: '08:00', end: '11:30',
  zoom_url: 'https://zoom.us/j/123', facebook_url: '', youtube_url: 'https://youtube.com/live/x', ...over });

test('sessions and topics: add, edit, reorder, delete with confirmation', async () => {
  const base = '/admin/series/ocop-2026';
  await users.org.get(`${base}/sessions/new`);
  let r = await users.org.post(`${base}/sessions/new`, session());
  assert.equal(r.status, 303);
  r = await users.org.post(`${base}/sessions/new`, session({ date: '04/03/2026', title: '' }));
  assert.equal(r.status, 303);
  const [s1, s2] = sql(srv.db, `select id from sessions where series_id = ${sid()} order by starts_at`).split('\n');
  assert.equal(sql(srv.db, `select starts_at from series where id = ${sid()}`), String(Date.UTC(2026, 2, 2, 1) / 1000), 'series starts with its first session');

  r = await users.org.post(`${base}/sessions/${s1}`, session({ end: '11:45' }));
  assert.equal(r.status, 303);
  assert.match(await (await fetch(srv.url + '/s/ocop-2026')).text(), /08:00–11:45/);

  const before = count('sessions');
  r = await users.org.post(`${base}/sessions/new`, session({ start: '11:00', end: '10:00' }));
  assert.equal(r.status, 422);
  assert.match(r.html, /Giờ kết thúc phải sau giờ bắt đầu/);
  r = await users.org.post(`${base}/sessions/new`, session({ zoom_url: 'zoom.us/j/1' }));
  assert.equal(r.status, 422);
  assert.match(r.html, /https:\/\//);
  assert.match(r.html, /value="zoom.us\/j\/1"/, 'value kept');
  assert.equal(count('sessions'), before);

  for (const [title, s] of [['Chuyên đề A', s1], ['Chuyên đề B', s1], ['Chuyên đề C', s2]]) {
    r = await users.org.post(`${base}/topics/new`, { title, speaker: 'TS. Nguyễn Văn An', speaker_org: 'Bộ NN&MT', session_id: s });
    assert.equal(r.status, 303);
  }
  const ids = sql(srv.db, `select id from topics where series_id = ${sid()} order by position`).split('\n');
  r = await users.org.post(`${base}/topics/${ids[2]}/move`, { dir: 'up' });
  assert.equal(r.status, 303);
  assert.equal(sql(srv.db, `select title from topics where series_id = ${sid()} order by position`).split('\n').join(','), 'Chuyên đề A,Chuyên đề C,Chuyên đề B');
  r = await users.org.post(`${base}/topics/${ids[0]}`, { title: 'Chuyên đề A (sửa)', speaker: '', speaker_org: '', session_id: s2 });
  assert.equal(r.status, 303);
  assert.match(await (await fetch(srv.url + '/s/ocop-2026')).text(), /Chuyên đề A \(sửa\)/);
  r = await users.org.post(`${base}/topics/new`, { title: '', session_id: '999999' });
  assert.equal(r.status, 422);

  // s1 has one topic (B): deleting asks first, and nothing changes until confirmed.
  r = await users.org.post(`${base}/sessions/${s1}/delete`);
  assert.equal(r.status, 409);
  assert.match(text(r.html), /1 chuyên đề/);
  assert.match(r.html, /name="confirm"/);
  assert.equal(sql(srv.db, `select count(*) from sessions where id = ${s1}`), '1');
  r = await users.org.post(`${base}/sessions/${s1}/delete`, { confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(sql(srv.db, `select count(*) from sessions where id = ${s1}`), '0');
  assert.equal(sql(srv.db, `select session_id is null from topics where id = ${ids[1]}`), '1', 'topic kept, unassigned');
  const sched = await users.org.get(`${base}/sessions`);
  assert.match(sched.html, /chưa xếp buổi/);

  // A row from another table pointing at the session blocks the delete, even confirmed.
  sql(srv.db, `create table if not exists t_att (id integer primary key, session_id integer references sessions(id)); insert into t_att (id, session_id) values (1, ${s2});`);
  r = await users.org.post(`${base}/sessions/${s2}/delete`, { confirm: '1' });
  assert.equal(r.status, 409);
  assert.match(r.html, /Không xoá được buổi này/);
  assert.equal(sql(srv.db, `select count(*) from sessions where id = ${s2}`), '1');
  assert.equal(sql(srv.db, `select count(*) from topics where session_id = ${s2}`), '2', 'topics left as they were');
  sql(srv.db, 'drop table t_att');

  // A topic with nothing behind it goes; the order closes up.
  r = await users.org.post(`${base}/topics/${ids[2]}/delete`);
  assert.equal(r.status, 303);
  assert.equal(sql(srv.db, `select position from topics where series_id = ${sid()} order by position`).split('\n').join(','), '1,2');
  const audit = await users.admin.get('/admin/audit');
  for (const a of ['session.create', 'session.update', 'session.delete', 'topic.create', 'topic.move_up', 'topic.delete'])
    assert.match(audit.html, new RegExp(a.replace('.', '\\.')));
});

test('roles: viewer 403 on every edit, non-member organizer 403, no login redirects', async () => {
  const base = '/admin/series/ocop-2026';
  const tid = sql(srv.db, `select id from topics where series_id = ${sid()} limit 1`);
  const sesid = sql(srv.db, `select id from sessions where series_id = ${sid()} limit 1`);
  const posts = [[`${base}/edit`, true], [`${base}/sessions/new`], [`${base}/sessions/${sesid}`], [`${base}/sessions/${sesid}/delete`],
    [`${base}/topics/new`], [`${base}/topics/${tid}`], [`${base}/topics/${tid}/delete`], [`${base}/topics/${tid}/move`], ['/admin/series/new', true]];
  const gets = [`${base}/edit`, `${base}/sessions/new`, `${base}/topics/new`, `${base}/sessions/${sesid}`, `${base}/members`];
  const audits = count('audit_log');
  // A viewer who is a member still may not change anything.
  await users.admin.get(`${base}/members`);
  assert.equal((await users.admin.post(`${base}/members`, { email: 'viewer@ocop.vn' })).status, 303);
  const auditsAfter = count('audit_log');
  assert.equal(auditsAfter, audits + 1);
  await users.viewer.get('/admin');
  assert.equal((await users.viewer.get(base)).status, 200);
  assert.equal((await users.viewer.get(`${base}/sessions`)).status, 200);
  for (const path of gets) assert.equal((await users.viewer.get(path)).status, 403, `viewer GET ${path}`);
  for (const [path, multipart] of posts)
    assert.equal((await users.viewer.post(path, { title: 'x', dir: 'up', confirm: '1' }, { multipart })).status, 403, `viewer POST ${path}`);
  await users.other.get('/admin');
  assert.equal((await users.other.get(base)).status, 403);
  for (const [path, multipart] of posts.slice(0, -1))
    assert.equal((await users.other.post(path, { ...series(), title: 'x', dir: 'up', confirm: '1' }, { multipart })).status, 403, `non-member POST ${path}`);
  assert.equal((await users.org.get(`${base}/members`)).status, 403, 'members page is admin-only');
  const anon = await fetch(srv.url + `${base}/edit`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.match(anon.headers.get('location'), /^\/admin\/login\?next=/);
  const anonPost = await fetch(srv.url + `${base}/sessions/new`, { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'title=x' });
  assert.equal(anonPost.status, 401);
  assert.equal(count('audit_log'), auditsAfter, 'nothing written');
  assert.equal(sql(srv.db, `select title from series where id = ${sid()}`), 'Tập huấn OCOP 2026');
});

test('CSRF: a missing or forged token is 403 and changes nothing', async () => {
  const base = '/admin/series/ocop-2026';
  const n = count('sessions');
  let r = await users.org.post(`${base}/sessions/new`, session(), { csrf: false });
  assert.equal(r.status, 403);
  r = await users.org.post(`${base}/sessions/new`, { ...session(), csrf: 'forged' }, { csrf: false });
  assert.equal(r.status, 403);
  r = await users.org.post(`${base}/edit`, series({ title: 'Hacked' }), { csrf: false, multipart: true });
  assert.equal(r.status, 403);
  assert.equal(count('sessions'), n);
  assert.notEqual(sql(srv.db, `select title from series where id = ${sid()}`), 'Hacked');
});

test('members: admin adds and removes by e-mail; unknown e-mail is 422', async () => {
  const base = '/admin/series/ocop-2026';
  await users.admin.get(`${base}/members`);
  let r = await users.admin.post(`${base}/members`, { email: 'nobody@ocop.vn' });
  assert.equal(r.status, 422);
  assert.match(r.html, /Không có tài khoản nào/);
  r = await users.admin.post(`${base}/members`, { email: 'other@ocop.vn' });
  assert.equal(r.status, 303);
  assert.equal((await users.other.get(base)).status, 200, 'now a member');
  r = await users.admin.post(`${base}/members/remove`, { email: 'other@ocop.vn' });
  assert.equal(r.status, 303);
  assert.equal((await users.other.get(base)).status, 403);
  const audit = await users.admin.get('/admin/audit');
  assert.match(audit.html, /member\.remove/);
});
