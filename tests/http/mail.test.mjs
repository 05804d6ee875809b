// Mail: every message leaves through the outbox to a real SMTP server
// (aiosmtpd on loopback), and is read back with Python's email package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, formSession, postForm } from '../lib/server.mjs';
import { person, apiRegister, webRegister, sql } from '../lib/ocop.mjs';
import { addAccount, login, minimalPdf } from '../lib/admin.mjs';
import { startSink, waitFor } from '../lib/smtp.mjs';

let srv, sink, org;
const env = () => ({
  OCOP_SMTP_URL: sink.url, OCOP_MAIL_FROM: 'bantochuc@ocop.example', OCOP_MAIL_FROM_NAME: 'Ban tổ chức OCOP',
  OCOP_MAIL_RATE: '500', OCOP_MAIL_BACKOFF: '1', OCOP_MAIL_CLAIM_SECONDS: '3',
});
const sha = (b) => createHash('sha256').update(b).digest('hex');
const byTo = (addr) => sink.messages().filter((m) => m.to && m.to.addr === addr);

before(async () => {
  sink = await startSink();
  srv = await startServer({ env: env() });
  const pw = addAccount(srv, 'mail.org@example.vn', 'organizer', 'ocop-2021');
  org = await login(srv.url, 'mail.org@example.vn', pw);
});
after(async () => { await srv.stop(); await sink.stop(); });

async function post(path, fields, who = org) {
  const res = await fetch(srv.url + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: who.cookie },
    body: new URLSearchParams({ csrf: who.csrf, ...fields }).toString(),
  });
  return { res, html: await res.text() };
}

test('a registration sends its confirmation: Vietnamese subject and name, the personal link, the .ics', async () => {
  const p = person({ full_name: 'Tôn Nữ Thị Hoàng Quỳnh Như', email: 'quynh.nhu@example.vn' });
  const r = await webRegister(srv.url, p);
  assert.equal(r.res.status, 303);
  const [m] = await waitFor(() => { const x = byTo('quynh.nhu@example.vn'); return x.length ? x : null; });
  assert.equal(m.subject, 'Xác nhận đăng ký – Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm (OCOP) năm 2021');
  assert.equal(m.to.name, 'Tôn Nữ Thị Hoàng Quỳnh Như');
  assert.equal(m.from.addr, 'bantochuc@ocop.example');
  assert.equal(m.from.name, 'Ban tổ chức OCOP');
  assert.deepEqual(m.defects, []);
  const text = m.parts.find((x) => x.content_type === 'text/plain').text;
  assert.match(text, /Chào anh\/chị Như,/); // the given name, the last word
  assert.ok(text.includes(`/me/${r.token}`));
  assert.ok(m.parts.some((x) => x.content_type === 'text/html'));
  // The body is stored once per series with markers; the message is put
  // together again with this participant's name and link.
  const html = m.parts.find((x) => x.content_type === 'text/html').text;
  assert.match(html, /<p>Chào anh\/chị Như,<\/p>/);
  assert.ok(html.includes(`href="${srv.url}/me/${r.token}"`));
  assert.ok(!text.includes('\x1f') && !html.includes('\x1f'), 'no marker left');
  assert.match(text, /Lịch học:\n- Buổi 1: /, 'the schedule');
  assert.equal(sql(srv.db, "select length(body_text) || ' ' || (case when body_id is null then 0 else 1 end) from outbox where to_addr = 'quynh.nhu@example.vn'"), '0 1');
  const ics = m.parts.find((x) => x.filename === 'lich-tap-huan.ics');
  assert.ok(ics, 'the calendar is attached');
  assert.match(ics.text, /BEGIN:VCALENDAR/);
  assert.equal((ics.text.match(/BEGIN:VEVENT/g) || []).length, 8);
  const mid = sql(srv.db, "select message_id from outbox where to_addr = 'quynh.nhu@example.vn'");
  assert.equal(m.message_id, mid);
  assert.equal(sql(srv.db, "select state from outbox where to_addr = 'quynh.nhu@example.vn'"), 'sent');
  // a duplicate registration sends nothing more
  await apiRegister(srv.url, p);
  await new Promise((res) => setTimeout(res, 500));
  assert.equal(byTo('quynh.nhu@example.vn').length, 1);
});

test('the materials go to every active registrant, attached byte for byte', async () => {
  const pdf = minimalPdf(3000);
  const fd = new FormData();
  fd.append('csrf', org.csrf);
  fd.append('title', 'Bộ tiêu chí OCOP');
  fd.append('file', new Blob([pdf]), 'Bộ tiêu chí OCOP.pdf');
  const up = await fetch(srv.url + '/admin/series/ocop-2021/materials', { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: org.cookie } });
  assert.equal(up.status, 303);
  const a = (await apiRegister(srv.url, person({ email: 'mat.a@example.vn' }))).json.registration;
  await apiRegister(srv.url, person({ email: 'mat.b@example.vn' }));
  const r = await post('/admin/series/ocop-2021/mail/materials', {});
  assert.equal(r.res.status, 303);
  const active = Number(sql(srv.db, "select count(*) from registrations r join series s on s.id = r.series_id where s.slug = 'ocop-2021' and r.status = 'active'"));
  await waitFor(() => Number(sql(srv.db, "select count(*) from outbox where reason = 'materials' and state in ('sent', 'failed')")) === active, { timeout: 30000 });
  await waitFor(() => sink.messages().filter((m) => /^Tài liệu/.test(m.subject || '')).length >= active, { timeout: 10000 }).catch(() => {});
  const mails = sink.messages().filter((m) => /^Tài liệu/.test(m.subject || ''));
  assert.equal(mails.length, active);
  for (const m of mails) {
    const att = m.parts.find((x) => x.content_type === 'application/pdf');
    assert.ok(att, `attachment for ${m.to.addr}`);
    assert.equal(att.sha256, sha(pdf));
    assert.equal(att.filename, 'Bộ tiêu chí OCOP.pdf');
  }
  const mine = mails.find((m) => m.to.addr === 'mat.a@example.vn');
  assert.ok(mine.parts.find((x) => x.content_type === 'text/plain').text.includes(`/me/${a.token}`));
  const page = await fetch(srv.url + '/admin/series/ocop-2021/mail', { headers: { Cookie: org.cookie } });
  assert.match(await page.text(), new RegExp(`gửi ${active}/${active}`));
});

test('announcements reach the chosen group, with an unsubscribe link that works', async () => {
  const hn = (await apiRegister(srv.url, person({ email: 'ann.hn@example.vn', province_code: '01' }))).json.registration;
  const hn2 = (await apiRegister(srv.url, person({ email: 'ann.hn2@example.vn', province_code: '01' }))).json.registration;
  await apiRegister(srv.url, person({ email: 'ann.hcm@example.vn', province_code: '79' }));
  // hn2 leaves announcements (one click, as a mail client does)
  const u = await fetch(`${srv.url}/u/${hn2.token}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.equal(u.status, 200);
  const r = await post('/admin/series/ocop-2021/mail/announcement', { subject: 'Thông báo buổi học bù', body: 'Buổi 3 chuyển sang chiều thứ Sáu.\nXin cảm ơn.', province_code: '01' });
  assert.equal(r.res.status, 303);
  const [m] = await waitFor(() => {
    const x = byTo('ann.hn@example.vn').filter((y) => y.subject === 'Thông báo buổi học bù');
    return x.length ? x : null;
  });
  assert.ok(m.list_unsubscribe.includes(`/u/${hn.token}`));
  assert.match(m.list_unsubscribe_post || '', /One-Click/);
  await new Promise((res) => setTimeout(res, 800));
  assert.equal(byTo('ann.hn2@example.vn').filter((x) => x.subject === 'Thông báo buổi học bù').length, 0);
  assert.equal(byTo('ann.hcm@example.vn').filter((x) => x.subject === 'Thông báo buổi học bù').length, 0);
  const bad = await post('/admin/series/ocop-2021/mail/announcement', { subject: '', body: 'x' });
  assert.equal(bad.res.status, 422);
  const viewerPw = addAccount(srv, 'mail.viewer@example.vn', 'viewer', 'ocop-2021');
  const v = await login(srv.url, 'mail.viewer@example.vn', viewerPw);
  const denied = await post('/admin/series/ocop-2021/mail/announcement', { subject: 'x', body: 'y' }, v);
  assert.equal(denied.res.status, 403);
});

test('a refused recipient fails for good and is shown; the organiser can retry', async () => {
  await sink.stop();
  sink = await startSink({ dir: sink.dir, port: sink.port, args: ['--reject', 'nobody@example.vn'] });
  await apiRegister(srv.url, person({ email: 'nobody@example.vn' }));
  await waitFor(() => sql(srv.db, "select state from outbox where to_addr = 'nobody@example.vn'") === 'failed');
  assert.match(sql(srv.db, "select last_error from outbox where to_addr = 'nobody@example.vn'"), /^5/);
  // the registrant's page in the console shows the delivery state
  const id = sql(srv.db, "select id from registrations where email_norm = 'nobody@example.vn'");
  const page = await fetch(`${srv.url}/admin/series/ocop-2021/registrations/${id}`, { headers: { Cookie: org.cookie } });
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /lỗi/);
  assert.match(html, /550/);
});

test('mail stops while the SMTP server is down and resumes after: each message once', async () => {
  const before = sink.files().length;
  await sink.stop();
  const emails = [];
  for (let i = 0; i < 30; i++) {
    const p = person({ email: `down.${i}@example.vn` });
    emails.push(p.email);
    assert.equal((await apiRegister(srv.url, p)).res.status, 201);
  }
  await new Promise((r) => setTimeout(r, 1500)); // attempts fail meanwhile
  assert.ok(Number(sql(srv.db, "select count(*) from outbox where to_addr like 'down.%' and attempts > 0")) > 0);
  sink = await startSink({ dir: sink.dir, port: sink.port });
  await waitFor(() => Number(sql(srv.db, "select count(*) from outbox where to_addr like 'down.%' and state = 'sent'")) === 30, { timeout: 30000 });
  const got = sink.messages().slice(0).filter((m) => emails.includes(m.to.addr));
  assert.equal(got.length, 30);
  assert.equal(new Set(got.map((m) => m.message_id)).size, 30);
  assert.ok(sink.files().length >= before + 30);
});

test('a server killed mid-mailing resumes after restart; nothing is lost', async () => {
  const emails = [];
  for (let i = 0; i < 60; i++) {
    const p = person({ email: `kill.${i}@example.vn` });
    emails.push(p.email);
    await apiRegister(srv.url, p);
  }
  const dir = srv.dir;
  await srv.stop({ keep: true, signal: 'SIGKILL' });
  srv = await startServer({ demo: false, dir, env: env() });
  await waitFor(() => Number(sql(srv.db, "select count(*) from outbox where to_addr like 'kill.%' and state = 'sent'")) === 60, { timeout: 40000 });
  const got = sink.messages().filter((m) => emails.includes(m.to.addr));
  const ids = new Set(got.map((m) => m.message_id));
  assert.equal(ids.size, 60, 'every message arrived');
  // A message the server had sent but not yet recorded when it was killed
  // goes again, with the same Message-ID: at most the messages in flight.
  assert.ok(got.length - ids.size <= 2, `${got.length - ids.size} repeated`);
});

test('certificates go out attached, byte for byte the issued PDF', async () => {
  const p = person({ email: 'cert.mail@example.vn', full_name: 'Đặng Thị Hải Yến' });
  assert.equal((await apiRegister(srv.url, p)).res.status, 201);
  const { ocop } = await import('../lib/server.mjs');
  ocop(['certificates', 'grant', '--series', 'ocop-2021', '--email', p.email, '--reason', 'kiểm thử', '--db', srv.db]);
  ocop(['certificates', 'issue', '--series', 'ocop-2021', '--db', srv.db]);
  const sha256 = sql(srv.db, "select c.sha256 from certificates c join registrations r on r.id = c.registration_id where r.email_norm = 'cert.mail@example.vn'");
  assert.match(sha256, /^[0-9a-f]{64}$/);
  const r = await post('/admin/series/ocop-2021/mail/certificates', {});
  assert.equal(r.res.status, 303);
  const [m] = await waitFor(() => {
    const x = byTo('cert.mail@example.vn').filter((y) => /^Giấy chứng nhận/.test(y.subject || ''));
    return x.length ? x : null;
  });
  const pdf = m.parts.find((x) => x.content_type === 'application/pdf');
  assert.ok(pdf, 'the certificate is attached');
  assert.equal(pdf.sha256, sha256);
  // only the certified receive it
  assert.equal(Number(sql(srv.db, "select count(*) from outbox where reason = 'certificates'")),
    Number(sql(srv.db, "select count(*) from certificates c join series s on s.id = c.series_id where s.slug = 'ocop-2021' and c.status = 'valid'")));
});
