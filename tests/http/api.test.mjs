// api.test.mjs: the JSON API, GET /api/v1/series/{slug} and POST .../registrations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { person, apiRegister, sql, regCount, SESSION_DATES } from '../lib/ocop.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const API = () => srv.url + '/api/v1/series/ocop-2021';

async function getSeries() {
  const res = await fetch(API());
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  return res.json();
}

test('GET series returns the series with organisers, channels, sessions and topics', async () => {
  const s = await getSeries();
  assert.equal(typeof s.id, 'number');
  assert.equal(s.slug, 'ocop-2021');
  assert.equal(s.title, 'Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm (OCOP) năm 2021');
  assert.equal(s.organizers.length, 3);
  for (const o of s.organizers) assert.ok(typeof o.name === 'string' && o.name.length > 2);
  assert.deepEqual(s.channels.map((c) => c.kind), ['zoom', 'facebook', 'youtube']);
  for (const c of s.channels) assert.match(c.url, /^https:\/\//);
  assert.equal(s.sessions.length, 8);
  assert.equal(s.sessions.reduce((n, x) => n + x.topics.length, 0), 11);
  assert.equal(typeof s.registration_count, 'number');
});

test('GET series: session times are 08:00–11:30 in Vietnam on the published dates', async () => {
  const s = await getSeries();
  s.sessions.forEach((x, i) => {
    const [d, m, y] = SESSION_DATES[i].split('/');
    const start = new Date(`${y}-${m}-${d}T08:00:00+07:00`).getTime() / 1000;
    if ('starts_at' in x) {
      assert.equal(x.starts_at, start, `session ${i + 1} start`);
      assert.equal(x.ends_at, start + 3.5 * 3600, `session ${i + 1} end`);
    }
    if ('starts' in x) assert.equal(x.starts, `${y}-${m}-${d}T08:00:00+07:00`);
  });
  const titles = s.sessions.flatMap((x) => x.topics.map((t) => t.title));
  assert.equal(titles[10], 'Ứng dụng chuyển đổi số trong Chương trình OCOP');
});

test('POST registrations: 201 with the registration, its token and a personal URL that works', async () => {
  const before = (await getSeries()).registration_count;
  const p = person({ phone: '0912 345 678', consent: true });
  const { res, json } = await apiRegister(srv.url, p);
  assert.equal(res.status, 201);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const r = json.registration;
  assert.equal(r.full_name, p.full_name);
  assert.equal(r.email, p.email);
  assert.equal(r.phone, '+84912345678');
  assert.equal(r.province_code, '79');
  assert.equal(r.category, 'enterprise');
  assert.equal(r.organization, p.organization);
  assert.equal(r.position, p.position);
  assert.equal(r.consent, true);
  assert.match(r.token, /^[A-Za-z0-9_-]{16,}$/);
  assert.ok(r.personal_url.endsWith(`/me/${r.token}`), r.personal_url);
  const me = await fetch(`${srv.url}/me/${r.token}`);
  assert.equal(me.status, 200);
  assert.ok((await me.text()).includes(p.full_name));
  assert.equal((await getSeries()).registration_count, before + 1);
});

test('POST registrations: personal_url and calendar_url point at this server (listening on port 0)', async () => {
  const { res, json } = await apiRegister(srv.url, person());
  assert.equal(res.status, 201);
  assert.equal(json.registration.personal_url, `${srv.url}/me/${json.registration.token}`);
  assert.equal(json.registration.calendar_url, `${srv.url}/me/${json.registration.token}/calendar.ics`);
  assert.equal((await fetch(json.registration.personal_url)).status, 200);
});

test('POST registrations: organization, position and consent may be left out', async () => {
  const { organization, position, ...p } = person();
  const { res, json } = await apiRegister(srv.url, p);
  assert.equal(res.status, 201);
  assert.equal(json.registration.organization, '');
  assert.equal(json.registration.consent, false);
});

test('POST registrations: an NFD name comes back and is stored NFC', async () => {
  const name = 'Huỳnh Ngọc Ẩn';
  const p = person({ full_name: name.normalize('NFD') });
  const { res, json } = await apiRegister(srv.url, p);
  assert.equal(res.status, 201);
  assert.equal(json.registration.full_name, name);
  assert.equal(sql(srv.db, `select full_name from registrations where token='${json.registration.token}'`), name);
});

test('POST registrations: a duplicate e-mail (any case) is 409 and adds no row', async () => {
  const p = person();
  assert.equal((await apiRegister(srv.url, p)).res.status, 201);
  const n = regCount(srv.db);
  const { res, json } = await apiRegister(srv.url, { ...p, email: p.email.toUpperCase(), phone: '0977 111 222' });
  assert.equal(res.status, 409);
  assert.equal(typeof json?.error, 'string');
  assert.equal(json.personal_url, undefined, 'no personal link for someone who only knows the e-mail');
  assert.equal(regCount(srv.db), n);
});

test('POST registrations: a duplicate with the same phone in another format is 409 with the personal link', async () => {
  const p = person({ phone: '0915 000 111' });
  const first = await apiRegister(srv.url, p);
  assert.equal(first.res.status, 201);
  const { res, json } = await apiRegister(srv.url, { ...p, phone: '+84915000111' });
  assert.equal(res.status, 409);
  assert.equal(json?.personal_url, first.json.registration.personal_url);
});

test('POST registrations: every duplicate is answered 409 with a JSON body (30 in a row)', async () => {
  const p = person();
  assert.equal((await apiRegister(srv.url, p)).res.status, 201);
  const seen = {};
  for (let i = 0; i < 30; i++) {
    const { res, text } = await apiRegister(srv.url, p);
    const k = `${res.status} ${text ? 'body' : 'EMPTY'}`;
    seen[k] = (seen[k] || 0) + 1;
  }
  assert.deepEqual(seen, { '409 body': 30 });
});

test('POST registrations: invalid fields are 422 with errors keyed by field', async () => {
  const n = regCount(srv.db);
  const { res, json } = await apiRegister(srv.url, {
    full_name: '', email: 'x@', phone: '123', province_code: '00', category: 'vua', consent: 'yes',
  });
  assert.equal(res.status, 422);
  assert.deepEqual(Object.keys(json.errors).sort(),
    ['category', 'consent', 'email', 'full_name', 'phone', 'province_code']);
  for (const v of Object.values(json.errors)) assert.ok(typeof v === 'string' && v.length > 3);
  assert.equal(regCount(srv.db), n);
});

test('POST registrations: a field of the wrong JSON type is 422, not a crash', async () => {
  for (const bad of [{ full_name: 42 }, { email: ['a@b.vn'] }, { phone: { n: 1 } }, { province_code: 79 },
    { category: null }, { organization: true }, { consent: 1 }]) {
    const { res, json } = await apiRegister(srv.url, person(bad));
    assert.equal(res.status, 422, JSON.stringify(bad));
    assert.ok(json.errors[Object.keys(bad)[0]], `error names ${Object.keys(bad)[0]}`);
  }
});

test('POST registrations: empty object lists the five required fields', async () => {
  const { res, json } = await apiRegister(srv.url, {});
  assert.equal(res.status, 422);
  assert.deepEqual(Object.keys(json.errors).sort(), ['category', 'email', 'full_name', 'phone', 'province_code']);
});

test('POST registrations: a wrong content type is 415 with a JSON error', async () => {
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
    const res = await fetch(API() + '/registrations', {
      method: 'POST', headers: ct ? { 'Content-Type': ct } : {}, body: JSON.stringify(person()),
    });
    assert.equal(res.status, 415, String(ct));
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.equal(typeof (await res.json()).error, 'string');
  }
});

test('POST registrations: application/json; charset=utf-8 is accepted', async () => {
  const res = await fetch(API() + '/registrations', {
    method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(person()),
  });
  assert.equal(res.status, 201);
});

test('POST registrations: malformed JSON and non-objects are 400 with a JSON error', async () => {
  for (const body of ['{', '{"full_name":', '', 'null', '[]', '"x"', '42', '{"a":1}{', '{"email":"a","email":"b"}']) {
    const { res, json } = await apiRegister(srv.url, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(typeof json?.error, 'string', JSON.stringify(body));
  }
});

test('API: unknown series is 404 JSON for GET and POST', async () => {
  const get = await fetch(srv.url + '/api/v1/series/khong-co');
  assert.equal(get.status, 404);
  assert.match(get.headers.get('content-type'), /^application\/json/);
  assert.equal(typeof (await get.json()).error, 'string');
  const n = regCount(srv.db);
  const post = await apiRegister(srv.url, person(), 'khong-co');
  assert.equal(post.res.status, 404);
  assert.equal(typeof post.json?.error, 'string');
  assert.equal(regCount(srv.db), n);
});

test('API: wrong methods are 405 JSON with Allow', async () => {
  const a = await fetch(API() + '/registrations');
  assert.equal(a.status, 405);
  assert.match(a.headers.get('allow'), /\bPOST\b/);
  assert.match(a.headers.get('content-type'), /^application\/json/);
  const b = await fetch(API(), { method: 'DELETE' });
  assert.equal(b.status, 405);
  assert.match(b.headers.get('allow'), /\bGET\b/);
  assert.ok(!/\bDELETE\b/.test(b.headers.get('allow')));
});
