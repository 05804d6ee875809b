// badinput.test.mjs: hostile and clumsy input gets the right 4xx, a readable
// page or JSON error, never a 500, never a crash, never a half-written row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, formSession, postForm } from '../lib/server.mjs';
import { person, apiRegister, webRegister, sql, regCount, fieldErrors } from '../lib/ocop.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => {
  const res = await srv.stop();
  assert.equal(res.code, 0, 'the server survived everything and stopped cleanly');
});

const REG = () => srv.url + '/s/ocop-2021/register';
const API = () => srv.url + '/api/v1/series/ocop-2021/registrations';

// A request through node:http, so that a connection closed without an answer
// shows up as { error } instead of a thrown fetch.
function raw(method, url, headers = {}, body) {
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (e) => resolve({ error: e.code || e.message }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function alive() {
  const res = await fetch(srv.url + '/healthz');
  assert.equal(res.status, 200);
  assert.equal((await res.text()).trim(), 'ok');
}

function readablePage(r) {
  assert.match(String(r.headers['content-type'] || r.headers.get?.('content-type')), /^text\/html/);
}

test('over-long name, organization and position are 422 on the form, one character less is fine', async () => {
  const n = regCount(srv.db);
  const r = await webRegister(srv.url, person({
    full_name: 'ă'.repeat(101), organization: 'ố'.repeat(201), position: 'ư'.repeat(101),
  }));
  assert.equal(r.res.status, 422);
  const errs = fieldErrors(r.html);
  assert.ok(errs.full_name && errs.organization && errs.position, JSON.stringify(errs));
  assert.equal(regCount(srv.db), n);
  const ok = await webRegister(srv.url, person({
    full_name: 'ă'.repeat(100), organization: 'ố'.repeat(200), position: 'ư'.repeat(100),
  }));
  assert.equal(ok.res.status, 303, 'limits count characters, not bytes');
});

test('limits count NFC characters: 100 letters typed as NFD (200+ code points) are accepted', async () => {
  const r = await apiRegister(srv.url, person({ full_name: 'ế'.repeat(100).normalize('NFD') }));
  assert.equal(r.res.status, 201, r.text);
  assert.equal(r.json.registration.full_name, 'ế'.repeat(100));
});

test('over-long fields through the API are 422 naming each field, no row', async () => {
  const n = regCount(srv.db);
  const r = await apiRegister(srv.url, person({
    full_name: 'a'.repeat(101), organization: 'b'.repeat(201), position: 'c'.repeat(101),
    email: `${'x'.repeat(250)}@example.vn`, phone: '0'.repeat(40),
  }));
  assert.equal(r.res.status, 422);
  for (const f of ['full_name', 'organization', 'position', 'email', 'phone']) assert.ok(r.json.errors[f], f);
  assert.equal(regCount(srv.db), n);
});

test('invalid UTF-8 in a form field is 422 beside the field, no row', async () => {
  const n = regCount(srv.db);
  const s = await formSession(REG());
  const p = person();
  const body = `csrf=${encodeURIComponent(s.csrf)}&full_name=Nguy%C3%28n%FF&email=${encodeURIComponent(p.email)}` +
    `&phone=${p.phone}&province_code=01&category=other&organization=%E1%BB&position=%C0%AF`;
  const r = await raw('POST', REG(), { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie }, body);
  assert.equal(r.status, 422);
  readablePage(r);
  const errs = fieldErrors(r.body);
  assert.ok(errs.full_name, 'error beside the name');
  assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(r.body)), 'the page itself is valid UTF-8');
  assert.equal(regCount(srv.db), n);
});

test('invalid UTF-8 in a JSON body is 400, no row', async () => {
  const n = regCount(srv.db);
  const body = Buffer.concat([Buffer.from('{"full_name":"'), Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from(`","email":"u8@example.vn","phone":"0919999001","province_code":"01","category":"other"}`)]);
  const r = await raw('POST', API(), { 'Content-Type': 'application/json' }, body);
  assert.equal(r.status, 400);
  assert.equal(typeof JSON.parse(r.body).error, 'string');
  assert.equal(regCount(srv.db), n);
});

test('NUL and control characters in fields are refused, not stored', async () => {
  const n = regCount(srv.db);
  const s = await formSession(REG());
  const p = person();
  const r = await postForm(REG(), { ...p, full_name: 'An\u0000Bình', position: 'a\u0007b', csrf: s.csrf }, { cookie: s.cookie });
  assert.ok([400, 422].includes(r.status), `status ${r.status}`);
  await r.text();
  const j = await apiRegister(srv.url, '{"full_name":"An\\u0000B","email":"nul@example.vn","phone":"0919999002","province_code":"01","category":"other"}');
  assert.ok([400, 422].includes(j.res.status), `API status ${j.res.status}`);
  assert.equal(regCount(srv.db), n);
});

test('a form body over 64 KB is answered 413, the server stays up, no row', async () => {
  const n = regCount(srv.db);
  const s = await formSession(REG());
  const body = `csrf=${encodeURIComponent(s.csrf)}&full_name=${'a'.repeat(70 * 1024)}`;
  const r = await raw('POST', REG(), { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie }, body);
  assert.equal(r.error, undefined, `connection failed instead of answering: ${r.error}`);
  assert.equal(r.status, 413);
  readablePage(r);
  await alive();
  assert.equal(regCount(srv.db), n);
});

test('a JSON body over 64 KB is answered 413 with a JSON error', async () => {
  const n = regCount(srv.db);
  const body = JSON.stringify(person({ organization: 'x'.repeat(70 * 1024) }));
  const r = await raw('POST', API(), { 'Content-Type': 'application/json' }, body);
  assert.equal(r.error, undefined, `connection failed instead of answering: ${r.error}`);
  assert.equal(r.status, 413);
  assert.equal(typeof JSON.parse(r.body).error, 'string');
  await alive();
  assert.equal(regCount(srv.db), n);
});

test('a chunked body (no Content-Length) over 64 KB is answered 413', async () => {
  const n = regCount(srv.db);
  const r = await new Promise((resolve) => {
    const req = http.request(API(), { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let b = '';
      res.on('data', (c) => { b += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: b }));
    });
    req.on('error', (e) => resolve({ error: e.code }));
    req.write('{"full_name":"');
    for (let i = 0; i < 10; i++) req.write('x'.repeat(8 * 1024));
    req.end('"}');
  });
  assert.equal(r.error, undefined, `connection failed instead of answering: ${r.error}`);
  assert.equal(r.status, 413);
  await alive();
  assert.equal(regCount(srv.db), n);
});

test('a body just under 64 KB is parsed and rejected field by field (422), not 413', async () => {
  const body = JSON.stringify(person({ organization: 'x'.repeat(60 * 1024) }));
  const r = await raw('POST', API(), { 'Content-Type': 'application/json' }, body);
  assert.equal(r.status, 422);
  assert.ok(JSON.parse(r.body).errors.organization);
});

test('a form with thousands of fields is refused with a 4xx', async () => {
  const s = await formSession(REG());
  const body = `csrf=${encodeURIComponent(s.csrf)}&` + Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join('&');
  const r = await raw('POST', REG(), { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie }, body);
  assert.ok(r.status >= 400 && r.status < 500, `status ${r.status || r.error}`);
  await alive();
});

test('missing or wrong CSRF token is 403 with a readable page, no row', async () => {
  const n = regCount(srv.db);
  const s = await formSession(REG());
  const other = await formSession(REG());
  const cases = [
    ['no cookie, no field', {}, undefined],
    ['cookie but no field', {}, s.cookie],
    ['field but no cookie', { csrf: s.csrf }, undefined],
    ['garbage field', { csrf: 'abc' }, s.cookie],
    ['field from another session', { csrf: other.csrf }, s.cookie],
    ['empty field', { csrf: '' }, s.cookie],
  ];
  for (const [what, extra, cookie] of cases) {
    const r = await postForm(REG(), { ...person(), ...extra }, { cookie });
    assert.equal(r.status, 403, what);
    assert.match(r.headers.get('content-type'), /^text\/html/, what);
    assert.match(await r.text(), /<h1>/, what);
  }
  assert.equal(regCount(srv.db), n);
});

test('a form POST without the form content type is 415, not 500', async () => {
  const s = await formSession(REG());
  for (const ct of ['text/plain', 'application/json', 'multipart/form-data; boundary=zz']) {
    const r = await raw('POST', REG(), { 'Content-Type': ct, Cookie: s.cookie }, `csrf=${s.csrf}`);
    assert.equal(r.status, 415, ct);
  }
});

test('unknown series: 404 on every page and on the API', async () => {
  const s = await formSession(REG());
  const checks = [
    ['GET', '/s/khong-co', 'text/html'], ['GET', '/s/khong-co/register', 'text/html'],
    ['GET', '/api/v1/series/khong-co', 'application/json'], ['GET', '/s/%C3%28', 'text/html'],
    ['GET', '/s/' + 'x'.repeat(3000), 'text/html'], ['GET', "/s/ocop-2021'--", 'text/html'],
  ];
  for (const [m, path, ct] of checks) {
    const r = await raw(m, srv.url + path);
    assert.equal(r.status, 404, path.slice(0, 40));
    assert.match(r.headers['content-type'], new RegExp('^' + ct), path.slice(0, 40));
  }
  const post = await postForm(srv.url + '/s/khong-co/register', { ...person(), csrf: s.csrf }, { cookie: s.cookie });
  assert.equal(post.status, 404);
});

test('malformed and unknown tokens: 404 on the personal page and the calendar', async () => {
  const tokens = ['x', 'AAAAAAAAAAAAAAAAAAAAAA', '!!!!!!!!!!!!!!!!!!!!!!', '%00', '%C3%28%C3%28', '..%2F..%2Fetc%2Fpasswd',
    'a'.repeat(5000), "1' OR '1'='1", '%20'];
  for (const t of tokens) {
    for (const suffix of ['', '/calendar.ics']) {
      const r = await raw('GET', `${srv.url}/me/${t}${suffix}`);
      assert.equal(r.status, 404, `/me/${t.slice(0, 30)}${suffix}`);
    }
  }
  await alive();
});

test('unsupported methods are 405 with an Allow header', async () => {
  const cases = [
    ['DELETE', '/s/ocop-2021', /GET/], ['PUT', '/s/ocop-2021/register', /GET.*POST|POST.*GET/],
    ['POST', '/healthz', /GET/], ['PATCH', '/api/v1/series/ocop-2021/registrations', /POST/],
    ['POST', '/me/AAAAAAAAAAAAAAAAAAAAAA', /GET/], ['POST', '/', /GET/],
  ];
  for (const [m, path, allow] of cases) {
    const r = await raw(m, srv.url + path, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1');
    assert.equal(r.status, 405, `${m} ${path}`);
    assert.match(r.headers.allow || '', allow, `${m} ${path} Allow: ${r.headers.allow}`);
    assert.ok(!new RegExp(`\\b${m}\\b`).test(r.headers.allow), `Allow must not list ${m}`);
  }
});

test('a very long URL and a huge header get a 4xx, and the server stays up', async () => {
  const r1 = await raw('GET', srv.url + '/s/ocop-2021?q=' + 'a'.repeat(100 * 1024));
  assert.ok(r1.error || (r1.status >= 400 && r1.status < 500), `long URL: ${r1.status}`);
  const r2 = await raw('GET', srv.url + '/s/ocop-2021', { 'X-Big': 'b'.repeat(100 * 1024) });
  assert.ok(r2.error || (r2.status >= 400 && r2.status < 500), `big header: ${r2.status}`);
  await alive();
});

test('junk in the query string does not break pages', async () => {
  for (const q of ['?a=%ff%fe', '?=&&==', '?new=1%00', '?' + '%'.repeat(20)]) {
    const r = await raw('GET', srv.url + '/s/ocop-2021' + q);
    assert.equal(r.status, 200, q);
  }
});

test('double click: the same form sent 8 times at once ends as one registration', async () => {
  const n = regCount(srv.db);
  const p = person();
  const s = await formSession(REG());
  const answers = await Promise.all(Array.from({ length: 8 }, () =>
    postForm(REG(), { ...p, csrf: s.csrf }, { cookie: s.cookie }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), html: await r.text() }))));
  assert.equal(regCount(srv.db), n + 1);
  const token = sql(srv.db, `select token from registrations where email_norm='${p.email}'`);
  for (const a of answers) {
    if (a.status === 303) assert.equal(a.location, `/me/${token}?new=1`);
    else {
      assert.equal(a.status, 200, `every click is answered 303 or 200, got ${a.status}`);
      assert.ok(a.html.includes(`/me/${token}`), `a later click shows the same personal link (got ${a.html.length} bytes)`);
    }
  }
});

test('two tabs: the same person through the API 10 times at once ends as one registration', async () => {
  const n = regCount(srv.db);
  const p = person();
  const answers = await Promise.all(Array.from({ length: 10 }, () => apiRegister(srv.url, p)));
  const statuses = answers.map((a) => a.res.status).sort();
  assert.equal(regCount(srv.db), n + 1);
  assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
  assert.deepEqual(statuses.filter((s) => s !== 201), Array(9).fill(409), statuses.join(','));
  const token = answers.find((a) => a.res.status === 201).json.registration.token;
  for (const a of answers.filter((x) => x.res.status === 409)) assert.ok(a.json?.personal_url?.endsWith(`/me/${token}`));
});

test('many different people at once are all stored, each exactly once', async () => {
  const n = regCount(srv.db);
  const people = Array.from({ length: 30 }, () => person());
  const answers = await Promise.all(people.map((p) => apiRegister(srv.url, p)));
  assert.deepEqual([...new Set(answers.map((a) => a.res.status))], [201]);
  assert.equal(regCount(srv.db), n + 30);
  assert.equal(new Set(answers.map((a) => a.json.registration.token)).size, 30);
});

test('after all of the above, no row is half-written', () => {
  const bad = sql(srv.db, "select count(*) from registrations where full_name = '' or email_norm = '' " +
    "or phone not like '+84%' or token = '' or province_code = '' or category = ''");
  assert.equal(bad, '0');
});
