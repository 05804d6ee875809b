// register.test.mjs: the registration form, as a browser without JavaScript submits it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, formSession, postForm } from '../lib/server.mjs';
import { person, webRegister, apiRegister, sql, regCount, text, fieldErrors } from '../lib/ocop.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const REG = () => srv.url + '/s/ocop-2021/register';
const q = (s) => s.replace(/'/g, "''");
const row = (email) => sql(srv.db, `select full_name, phone, province_code, category, organization, position, consent, consent_at is not null from registrations where email_norm = '${q(email.toLowerCase())}'`);

test('the form has every field, 34 provinces, 8 categories and a csrf token', async () => {
  const s = await formSession(REG());
  assert.equal(s.status, 200);
  for (const f of ['full_name', 'email', 'phone', 'province_code', 'category', 'organization', 'position', 'consent']) {
    assert.match(s.html, new RegExp(`name="${f}"`), f);
    assert.match(s.html, new RegExp(`<label for="${f}"`), `label for ${f}`);
  }
  const provinces = [...s.html.matchAll(/<option value="(\d\d)">([^<]+)<\/option>/g)];
  assert.equal(provinces.length, 34);
  const byCode = Object.fromEntries(provinces.map((m) => [m[1], m[2]]));
  assert.equal(byCode['01'], 'Hà Nội');
  assert.equal(byCode['79'], 'TP Hồ Chí Minh');
  const cats = [...s.html.matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual(cats, ['province_official', 'district_official', 'commune_official', 'enterprise',
    'cooperative', 'cooperative_group', 'household', 'other']);
  assert.match(s.html, /<input type="hidden" name="csrf" value="[^"]+">/);
  assert.match(s.html, /<input[^>]*name="consent"[^>]*type="checkbox"|<input[^>]*type="checkbox"[^>]*name="consent"/);
  assert.match(s.cookie, /^ocop_csrf=./);
});

test('an empty form comes back 422 with an error beside each required field, and no row', async () => {
  const n = regCount(srv.db);
  const r = await webRegister(srv.url, {});
  assert.equal(r.res.status, 422);
  assert.match(r.res.headers.get('content-type'), /^text\/html/);
  const errs = fieldErrors(r.html);
  assert.deepEqual(Object.keys(errs).sort(), ['category', 'email', 'full_name', 'phone', 'province_code']);
  assert.match(r.html, /name="csrf" value="[^"]+"/, 're-rendered form can be submitted again');
  assert.equal(regCount(srv.db), n);
});

test('invalid values are rejected with messages and the typed values are kept', async () => {
  const n = regCount(srv.db);
  const r = await webRegister(srv.url, {
    full_name: 'Lê Văn "Tèo" <b>', email: 'khong-phai-email', phone: '12345',
    province_code: '48', category: 'household', organization: 'HTX A&B', position: 'Xã viên',
  });
  assert.equal(r.res.status, 422);
  const errs = fieldErrors(r.html);
  assert.ok(errs.email, 'email error');
  assert.ok(errs.phone, 'phone error');
  assert.equal(errs.full_name, undefined);
  assert.match(r.html, /name="full_name" value="Lê Văn &quot;Tèo&quot; &lt;b&gt;"/);
  assert.match(r.html, /name="email"[^>]*value="khong-phai-email"/);
  assert.match(r.html, /name="phone"[^>]*value="12345"/);
  assert.match(r.html, /name="organization" value="HTX A&amp;B"/);
  assert.match(r.html, /name="position" value="Xã viên"/);
  assert.match(r.html, /<option value="48" selected[^>]*>Đà Nẵng/);
  assert.match(r.html, /<option value="household" selected/);
  assert.ok(!r.html.includes('<b>"'), 'raw markup never echoed');
  assert.equal(regCount(srv.db), n);
});

test('unknown province and category codes are rejected', async () => {
  const r = await webRegister(srv.url, person({ province_code: '99', category: 'king' }));
  assert.equal(r.res.status, 422);
  const errs = fieldErrors(r.html);
  assert.ok(errs.province_code && errs.category, JSON.stringify(errs));
});

test('a valid form redirects 303 to the personal page, which greets the person', async () => {
  const p = person({ full_name: 'Phạm Thị Ánh Tuyết', consent: '1' });
  const r = await webRegister(srv.url, p);
  assert.equal(r.res.status, 303);
  assert.ok(r.token, `Location ${r.location}`);
  const me = await fetch(srv.url + r.location);
  const html = await me.text();
  assert.equal(me.status, 200);
  assert.ok(text(html).includes('Đăng ký thành công'), 'success message');
  assert.ok(text(html).includes('Phạm Thị Ánh Tuyết'));
  assert.ok(html.includes(`/me/${r.token}/calendar.ics`));
  // without ?new=1 the page is the same but not a success banner
  const again = await (await fetch(`${srv.url}/me/${r.token}`)).text();
  assert.ok(!text(again).includes('Đăng ký thành công'));
  assert.ok(text(again).includes('Phạm Thị Ánh Tuyết'));
  assert.equal(row(p.email), `Phạm Thị Ánh Tuyết|+84${p.phone.slice(1)}|79|enterprise|HTX Nông sản Xanh|Giám đốc|1|1`);
});

test('without the consent box the registration is kept with consent = 0', async () => {
  const p = person();
  const r = await webRegister(srv.url, p);
  assert.equal(r.res.status, 303);
  assert.match(row(p.email), /\|0\|0$/);
});

test('a name typed in decomposed form (NFD) is stored and shown composed (NFC)', async () => {
  const name = 'Đặng Thị Huyền Trâm';
  const p = person({ full_name: name.normalize('NFD') });
  assert.notEqual(p.full_name, name);
  const r = await webRegister(srv.url, p);
  assert.equal(r.res.status, 303);
  const stored = sql(srv.db, `select full_name from registrations where email_norm='${p.email}'`);
  assert.equal(stored, name);
  const html = await (await fetch(`${srv.url}/me/${r.token}`)).text();
  assert.ok(html.includes(name), 'the page shows the NFC name');
  assert.ok(!html.includes(name.normalize('NFD')));
});

test('leading and trailing spaces are trimmed from the name and e-mail', async () => {
  const p = person();
  const r = await webRegister(srv.url, { ...p, full_name: '  Võ Minh Khôi  ', email: `  ${p.email}  ` });
  assert.equal(r.res.status, 303);
  assert.equal(sql(srv.db, `select full_name || '|' || email from registrations where email_norm='${p.email}'`),
    `Võ Minh Khôi|${p.email}`);
});

test('phones 0912 345 678 and +84912345678 are stored as one canonical form', async () => {
  const forms = ['0913 222 111', '+84913222112', '(+84) 913-222-113', '84913222114'];
  const want = ['+84913222111', '+84913222112', '+84913222113', '+84913222114'];
  for (let i = 0; i < forms.length; i++) {
    const p = person({ phone: forms[i] });
    const r = await webRegister(srv.url, p);
    assert.equal(r.res.status, 303, `${forms[i]} accepted`);
    assert.equal(sql(srv.db, `select phone from registrations where email_norm='${p.email}'`), want[i], forms[i]);
  }
});

test('district_official is accepted for the 2021 series', async () => {
  const p = person({ category: 'district_official' });
  const r = await webRegister(srv.url, p);
  assert.equal(r.res.status, 303);
  assert.match(row(p.email), /\|district_official\|/);
});

test('registering again with the same e-mail (other case) and phone (other format) shows the existing link', async () => {
  const p = person({ phone: '0914 555 001' });
  const first = await webRegister(srv.url, p);
  assert.equal(first.res.status, 303);
  const n = regCount(srv.db);
  const again = await webRegister(srv.url, { ...p, email: p.email.toUpperCase(), phone: '+84914555001', full_name: 'Tên khác' });
  assert.equal(again.res.status, 200);
  assert.ok(text(again.html).includes('Bạn đã đăng ký rồi'), `body (${again.html.length} bytes): ${text(again.html).slice(0, 300)}`);
  assert.ok(again.html.includes(`/me/${first.token}`), 'links the same personal page');
  assert.equal(regCount(srv.db), n);
  assert.equal(sql(srv.db, `select full_name from registrations where email_norm='${p.email}'`), 'Nguyễn Thị Hồng');
});

test('the same e-mail with another phone gets 409 asking for the registered phone, and no link', async () => {
  const p = person();
  const first = await webRegister(srv.url, p);
  assert.equal(first.res.status, 303);
  const n = regCount(srv.db);
  const again = await webRegister(srv.url, { ...p, email: p.email.toUpperCase(), phone: '0988 000 000' });
  assert.equal(again.res.status, 409, `body (${again.html.length} bytes): ${text(again.html).slice(0, 300)}`);
  assert.ok(!again.html.includes(first.token), 'the personal link is not given to someone who only knows the e-mail');
  const errs = fieldErrors(again.html);
  assert.ok(errs.phone && /số điện thoại/i.test(errs.phone), `asks for the phone: ${JSON.stringify(errs)}`);
  assert.match(again.html, /name="csrf" value="[^"]+"/);
  assert.equal(regCount(srv.db), n);
  // giving the right phone on the re-rendered form then shows the link
  const s = again.session;
  const m = /name="csrf" value="([^"]+)"/.exec(again.html);
  const third = await postForm(REG(), { ...p, csrf: m[1] }, { cookie: s.cookie });
  assert.equal(third.status, 200);
  assert.ok((await third.text()).includes(`/me/${first.token}`));
});

test('a registration made through the API is found again through the form', async () => {
  const p = person();
  const api = await apiRegister(srv.url, p);
  assert.equal(api.res.status, 201);
  const again = await webRegister(srv.url, p);
  assert.equal(again.res.status, 200);
  assert.ok(again.html.includes(`/me/${api.json.registration.token}`));
});

test('markup in a name is escaped on the personal page', async () => {
  const p = person({ full_name: '<script>alert("x")</script> & \'Lan\'' });
  const r = await webRegister(srv.url, p);
  assert.equal(r.res.status, 303);
  const html = await (await fetch(`${srv.url}/me/${r.token}`)).text();
  assert.ok(!html.includes('<script>alert'), 'no live script tag');
  assert.ok(html.includes('&lt;script&gt;'));
});

test('the form can be submitted several times from one page load (csrf is not single-use per page)', async () => {
  const s = await formSession(REG());
  const a = await postForm(REG(), { ...person(), csrf: s.csrf }, { cookie: s.cookie });
  const b = await postForm(REG(), { ...person(), csrf: s.csrf }, { cookie: s.cookie });
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
});

test('the registration form for an unknown series is 404', async () => {
  const res = await fetch(srv.url + '/s/khong-co/register');
  assert.equal(res.status, 404);
  const s = await formSession(REG());
  const post = await postForm(srv.url + '/s/khong-co/register', { ...person(), csrf: s.csrf }, { cookie: s.cookie });
  assert.equal(post.status, 404);
});
