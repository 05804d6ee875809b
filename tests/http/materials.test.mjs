// materials.test.mjs: uploading materials in the console, downloading them
// (whole, ranges, ETag), who sees what (participants, the public, viewers),
// and bad input leaving nothing behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { startServer } from '../lib/server.mjs';
import { person, webRegister, sql, assertHeaders, text } from '../lib/ocop.mjs';
import { addAccount, login, minimalPdf, ooxml, zipStored, PNG_1x1 } from '../lib/admin.mjs';

const SLUG = 'ocop-2021';
const BASE = `/admin/series/${SLUG}/materials`;
let srv, org, viewer;

before(async () => {
  srv = await startServer();
  const pw = addAccount(srv, 'org@example.vn', 'organizer', SLUG);
  const vpw = addAccount(srv, 'viewer@example.vn', 'viewer', SLUG);
  org = await login(srv.url, 'org@example.vn', pw);
  viewer = await login(srv.url, 'viewer@example.vn', vpw);
});
after(async () => { await srv.stop(); });

const sha = (b) => createHash('sha256').update(b).digest('hex');
const counts = () => sql(srv.db, 'SELECT (SELECT count(*) FROM materials) || \'/\' || (SELECT count(*) FROM material_chunks)');

async function upload(who, bytes, filename, fields = {}, url = srv.url) {
  const fd = new FormData();
  if (who.csrf !== null) fd.append('csrf', who.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (bytes) fd.append('file', new Blob([bytes]), filename);
  const res = await fetch(url + BASE, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: who.cookie } });
  return { res, html: await res.text() };
}

// The same upload sent as a browser or curl does for a large body (Expect:
// 100-continue), so that a refusal before the body is read arrives cleanly
// instead of as a reset while the body is still being written.
async function uploadExpect(who, bytes, filename, url) {
  const fd = new FormData();
  fd.append('csrf', who.csrf);
  fd.append('file', new Blob([bytes]), filename);
  const packed = new Response(fd);
  const body = Buffer.from(await packed.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = request(url + BASE, {
      method: 'POST',
      headers: { 'Content-Type': packed.headers.get('content-type'), 'Content-Length': body.length,
        Expect: '100-continue', Cookie: who.cookie },
    });
    req.on('continue', () => req.end(body));
    req.on('response', (res) => {
      let html = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { html += d; });
      res.on('end', () => resolve({ res: { status: res.statusCode }, html }));
    });
    req.on('error', reject);
  });
}

function lastId() {
  return Number(sql(srv.db, 'SELECT max(id) FROM materials'));
}

test('an organiser uploads a PDF: 303 to the list, stored whole, type from the content, audited', async () => {
  const pdf = minimalPdf();
  const { res } = await upload(org, pdf, 'Bài giảng 1.pdf', { title: '  Bài giảng   chuyên đề 1 ', topic_id: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `${BASE}?done=upload`);
  const id = lastId();
  const row = sql(srv.db, `SELECT title, filename, content_type, size, sha256, is_public, topic_id FROM materials WHERE id = ${id}`);
  assert.equal(row, `Bài giảng chuyên đề 1|Bài giảng 1.pdf|application/pdf|${pdf.length}|${sha(pdf)}|0|1`);
  assert.equal(sql(srv.db, `SELECT action FROM audit_log WHERE object = 'material:${id}'`), 'material.upload');
  const list = await fetch(srv.url + BASE + '?done=upload', { headers: { Cookie: org.cookie } });
  const html = await list.text();
  assert.equal(list.status, 200);
  assert.match(html, /Đã tải lên tài liệu/);
  assert.match(text(html), /Bài giảng chuyên đề 1/);
});

test('a PNG is accepted as image/png; a name without extension gets one', async () => {
  const { res } = await upload(org, PNG_1x1, 'anh-chup');
  assert.equal(res.status, 303);
  assert.equal(sql(srv.db, `SELECT filename || ' ' || content_type || ' ' || title FROM materials WHERE id = ${lastId()}`),
    'anh-chup.png image/png anh-chup');
});

test('names are cleaned: no path, no control or bidi characters, the real extension appended', async () => {
  const { res } = await upload(org, minimalPdf(), '..\\..\\bao<cao>\u202Egnp.exe');
  assert.equal(res.status, 303);
  assert.equal(sql(srv.db, `SELECT filename FROM materials WHERE id = ${lastId()}`), 'bao-cao-gnp.exe.pdf');
});

test('wrong content is refused with 415 and a message, whatever the name; nothing stored', async () => {
  const before = counts();
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60), Buffer.from('PE\0\0', 'latin1'), Buffer.alloc(300)]);
  for (const [bytes, name] of [[exe, 'slides.pdf'], [Buffer.from('Xin chào, đây là văn bản.\n'), 'tai-lieu.pdf'],
    [Buffer.from('<html><script>alert(1)</script></html>'), 'x.png']]) {
    const { res, html } = await upload(org, bytes, name, { title: 'Giữ lại tên này' });
    assert.equal(res.status, 415, name);
    assert.match(html, /Không nhận loại tệp này/);
    assert.match(html, /PDF, PowerPoint/);
    assert.match(html, /value="Giữ lại tên này"/, 'the form keeps what was typed');
  }
  assert.equal(counts(), before);
});

test('no file, a bad title or a topic of another series: 422, nothing stored', async () => {
  const before = counts();
  let r = await upload(org, null, null, { title: 'x' });
  assert.equal(r.res.status, 422);
  assert.match(r.html, /Xin chọn một tệp/);
  r = await upload(org, minimalPdf(), 'a.pdf', { title: 'x'.repeat(201) });
  assert.equal(r.res.status, 422);
  r = await upload(org, minimalPdf(), 'a.pdf', { topic_id: '99999' });
  assert.equal(r.res.status, 422);
  r = await upload(org, minimalPdf(), 'a.pdf', { topic_id: '1 OR 1=1' });
  assert.equal(r.res.status, 422);
  assert.equal(counts(), before);
});

test('CSRF is required, a viewer cannot upload, an organiser of another series neither', async () => {
  const before = counts();
  let r = await upload({ ...org, csrf: null }, minimalPdf(), 'a.pdf');
  assert.equal(r.res.status, 403);
  r = await upload({ ...org, csrf: 'forged' }, minimalPdf(), 'a.pdf');
  assert.equal(r.res.status, 403);
  r = await upload(viewer, minimalPdf(), 'a.pdf');
  assert.equal(r.res.status, 403);
  const pw = addAccount(srv, 'other@example.vn', 'organizer');
  const other = await login(srv.url, 'other@example.vn', pw);
  r = await upload(other, minimalPdf(), 'a.pdf');
  assert.equal(r.res.status, 403);
  r = await upload({ cookie: '', csrf: org.csrf }, minimalPdf(), 'a.pdf');
  assert.equal(r.res.status, 401);
  assert.equal(counts(), before);
});

test('a file of several chunks downloads byte-identical, with ranges, ETag and 304', async () => {
  const big = minimalPdf(700 * 1024 + 17); // three chunks of 256 KB
  const { res } = await upload(org, big, 'lon.pdf');
  assert.equal(res.status, 303);
  const id = lastId();
  assert.equal(sql(srv.db, `SELECT count(*) FROM material_chunks WHERE material_id = ${id}`), '3');
  const url = `${srv.url}${BASE}/${id}/download`;
  const full = await fetch(url, { headers: { Cookie: org.cookie } });
  assert.equal(full.status, 200);
  assertHeaders(full);
  assert.equal(full.headers.get('content-type'), 'application/pdf');
  assert.equal(full.headers.get('content-length'), String(big.length));
  assert.equal(full.headers.get('accept-ranges'), 'bytes');
  assert.equal(full.headers.get('etag'), `"${sha(big)}"`);
  assert.equal(sha(Buffer.from(await full.arrayBuffer())), sha(big));

  // Across the first chunk boundary.
  const a = 262144 - 10, b = 262144 + 9;
  const part = await fetch(url, { headers: { Cookie: org.cookie, Range: `bytes=${a}-${b}` } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes ${a}-${b}/${big.length}`);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), big.subarray(a, b + 1));
  const tail = await fetch(url, { headers: { Cookie: org.cookie, Range: 'bytes=-100' } });
  assert.equal(tail.status, 206);
  assert.deepEqual(Buffer.from(await tail.arrayBuffer()), big.subarray(big.length - 100));
  const open = await fetch(url, { headers: { Cookie: org.cookie, Range: `bytes=${big.length - 5}-` } });
  assert.deepEqual(Buffer.from(await open.arrayBuffer()), big.subarray(big.length - 5));
  const bad = await fetch(url, { headers: { Cookie: org.cookie, Range: `bytes=${big.length}-` } });
  assert.equal(bad.status, 416);
  assert.equal(bad.headers.get('content-range'), `bytes */${big.length}`);
  const multi = await fetch(url, { headers: { Cookie: org.cookie, Range: 'bytes=0-1,5-6' } });
  assert.equal(multi.status, 200, 'several ranges: the whole file');
  await multi.arrayBuffer();
  const stale = await fetch(url, { headers: { Cookie: org.cookie, Range: 'bytes=0-1', 'If-Range': '"old"' } });
  assert.equal(stale.status, 200, 'If-Range with another validator: the whole file');
  await stale.arrayBuffer();

  const nm = await fetch(url, { headers: { Cookie: org.cookie, 'If-None-Match': `"${sha(big)}"` } });
  assert.equal(nm.status, 304);
  assert.equal((await nm.arrayBuffer()).byteLength, 0);
  const head = await fetch(url, { method: 'HEAD', headers: { Cookie: org.cookie } });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(big.length));
});

test('Content-Disposition carries the UTF-8 name and an ASCII fallback', async () => {
  await upload(org, minimalPdf(), 'Tài liệu: số 2?.pdf');
  const id = lastId();
  const res = await fetch(`${srv.url}${BASE}/${id}/download?download=1`, { headers: { Cookie: org.cookie } });
  await res.arrayBuffer();
  const cd = res.headers.get('content-disposition');
  assert.ok(cd.startsWith('attachment; filename="tai lieu- so 2-.pdf"'), cd);
  assert.ok(cd.endsWith("; filename*=UTF-8''T%C3%A0i%20li%E1%BB%87u-%20s%E1%BB%91%202-.pdf"), cd);
});

test('a registered participant sees the materials on /me and downloads them; others get 404', async () => {
  const pdf = minimalPdf();
  await upload(org, pdf, 'cho-hoc-vien.pdf', { title: 'Tài liệu cho học viên' });
  const id = lastId();
  const reg = await webRegister(srv.url, person());
  assert.ok(reg.token);
  const me = await fetch(`${srv.url}/me/${reg.token}`);
  const html = await me.text();
  assert.match(html, /<h2>Tài liệu<\/h2>/);
  assert.ok(html.includes(`href="/me/${reg.token}/materials/${id}"`));
  assert.match(text(html), /Tài liệu cho học viên PDF/);
  const dl = await fetch(`${srv.url}/me/${reg.token}/materials/${id}`);
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('cache-control'), 'private, no-cache');
  assert.equal(sha(Buffer.from(await dl.arrayBuffer())), sha(pdf));
  for (const path of [`/me/AAAAAAAAAAAAAAAAAAAAAA/materials/${id}`, `/me/${reg.token}/materials/999999`,
    `/me/${reg.token}/materials/${id}x`, `/s/${SLUG}/materials/${id}`, `/admin/series/${SLUG}/materials/${id}/download`]) {
    const res = await fetch(srv.url + path, { redirect: 'manual' });
    assert.ok(res.status === 404 || res.status === 303, `${path}: ${res.status}`);
    if (path.startsWith('/admin')) assert.equal(res.status, 303, 'the console wants a login');
    await res.arrayBuffer();
  }
});

test('the public gets a file only once it is marked public, and sees it on the series page', async () => {
  const png = PNG_1x1;
  await upload(org, png, 'so-do.png', { title: 'Sơ đồ quy trình' });
  const id = lastId();
  const pub = `${srv.url}/s/${SLUG}/materials/${id}`;
  assert.equal((await fetch(pub)).status, 404);
  assert.doesNotMatch(await (await fetch(`${srv.url}/s/${SLUG}`)).text(), /Sơ đồ quy trình/);

  const toggle = (who, v) => fetch(`${srv.url}${BASE}/${id}/public`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: who.cookie },
    body: new URLSearchParams({ csrf: who.csrf, public: v }).toString(),
  });
  assert.equal((await toggle(viewer, '1')).status, 403);
  const res = await toggle(org, '1');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `${BASE}?done=public`);
  const got = await fetch(pub);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), png);
  assert.match(await (await fetch(`${srv.url}/s/${SLUG}`)).text(), /Sơ đồ quy trình/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_log WHERE object = 'material:${id}' AND action = 'material.public'`), '1');
  assert.equal((await toggle(org, '0')).status, 303);
  assert.equal((await fetch(pub)).status, 404);
});

test('a viewer lists and downloads but sees no upload form; deletion asks first, then removes every chunk', async () => {
  await upload(org, minimalPdf(300 * 1024), 'xoa.pdf', { title: 'Sẽ xoá' });
  const id = lastId();
  const list = await (await fetch(srv.url + BASE, { headers: { Cookie: viewer.cookie } })).text();
  assert.match(list, /Sẽ xoá/);
  assert.doesNotMatch(list, /enctype="multipart\/form-data"/);
  assert.doesNotMatch(list, /\/delete"/);
  const dl = await fetch(`${srv.url}${BASE}/${id}/download`, { headers: { Cookie: viewer.cookie } });
  assert.equal(dl.status, 200);
  await dl.arrayBuffer();

  const confirm = await fetch(`${srv.url}${BASE}/${id}/delete`, { headers: { Cookie: org.cookie } });
  assert.equal(confirm.status, 200);
  assert.match(await confirm.text(), /Xoá tài liệu\?/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM materials WHERE id = ${id}`), '1', 'the GET deletes nothing');
  const del = (who) => fetch(`${srv.url}${BASE}/${id}/delete`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: who.cookie },
    body: new URLSearchParams({ csrf: who.csrf }).toString(),
  });
  assert.equal((await del(viewer)).status, 403);
  const res = await del(org);
  assert.equal(res.status, 303);
  assert.equal(sql(srv.db, `SELECT count(*) FROM materials WHERE id = ${id}`), '0');
  assert.equal(sql(srv.db, `SELECT count(*) FROM material_chunks WHERE material_id = ${id}`), '0');
  assert.equal(sql(srv.db, `SELECT before_json IS NOT NULL FROM audit_log WHERE object = 'material:${id}' AND action = 'material.delete'`), '1');
  assert.equal((await del(org)).status, 404);
  const gone = await fetch(`${srv.url}${BASE}/${id}/download`, { headers: { Cookie: org.cookie } });
  assert.equal(gone.status, 404);
});

test('over the size limit: 413 with a message, nothing stored', async () => {
  const small = await startServer({ env: { OCOP_UPLOAD_MAX: '100000' } });
  try {
    const pw = addAccount(small, 'org@example.vn', 'organizer', SLUG);
    const who = await login(small.url, 'org@example.vn', pw);
    // Far over: refused from the declared length, before the body is read.
    let r = await uploadExpect(who, minimalPdf(200 * 1024), 'lon.pdf', small.url);
    assert.equal(r.res.status, 413);
    assert.match(r.html, /quá lớn/);
    // Just over: the body fits the form allowance, the file does not.
    r = await upload(who, minimalPdf(100001 - minimalPdf().length - 1), 'vua-qua.pdf', {}, small.url);
    assert.equal(r.res.status, 413);
    assert.match(r.html, /Tệp quá lớn: mỗi tệp tối đa 98 KB/);
    // Exactly at the limit is fine.
    r = await upload(who, minimalPdf(100000 - minimalPdf().length - 1), 'vua.pdf', {}, small.url);
    assert.equal(r.res.status, 303);
    assert.equal(sql(small.db, 'SELECT size FROM materials').split('\n').join(','), '100000');
  } finally {
    await small.stop();
  }
});

test('Office Open XML is told from a plain zip by its content', async () => {
  const want = {
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  for (const kind of Object.keys(want)) {
    for (const reorder of [false, true]) {
      const { res } = await upload(org, await ooxml(kind, reorder), `bai-tap.${kind}`);
      assert.equal(res.status, 303, `${kind} reorder=${reorder}`);
      assert.equal(sql(srv.db, `SELECT content_type || ' ' || filename FROM materials WHERE id = ${lastId()}`),
        `${want[kind]} bai-tap.${kind}`);
    }
  }
  const before = counts();
  const { res } = await upload(org, await zipStored([['a.txt', 'xin chào']]), 'goi.docx');
  assert.equal(res.status, 415, 'a plain zip named .docx');
  assert.equal(counts(), before);
});
