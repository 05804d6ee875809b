// admin.mjs: console helpers shared by the HTTP and browser tests.
//   addAccount(srv, email, role, slug?)  create an account (and make it a member of slug)
//   login(url, email, password)          { cookie, csrf } for later requests
//   minimalPdf(pad?)                     a small valid PDF (pad: bytes of filler in a stream)
//   PNG_1x1                              a 1×1 PNG
import assert from 'node:assert/strict';
import { ocop } from './server.mjs';
import { sql } from './ocop.mjs';

export function addAccount(srv, email, role = 'organizer', slug = null) {
  const out = ocop(['admin', 'add', email, '--role', role, '--db', srv.db]);
  const m = /^password: (\S+)$/m.exec(out);
  assert.ok(m, 'the CLI prints the password');
  if (slug) {
    sql(srv.db, `INSERT INTO series_members (series_id, user_id) SELECT s.id, u.id FROM series s, users u WHERE s.slug = '${slug}' AND u.email = '${email}'`);
  }
  return m[1];
}

function cookies(res, jar = {}) {
  for (const c of res.headers.getSetCookie()) {
    const [kv] = c.split(';');
    const i = kv.indexOf('=');
    jar[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return jar;
}
const header = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

export async function login(url, email, password) {
  const page = await fetch(`${url}/admin/login`);
  const jar = cookies(page);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())[1];
  const res = await fetch(`${url}/admin/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: header(jar) },
    body: new URLSearchParams({ csrf, email, password }).toString(),
  });
  assert.equal(res.status, 303, 'login succeeds');
  cookies(res, jar);
  return { cookie: header(jar), csrf };
}

export function minimalPdf(pad = 0) {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'];
  const text = 'BT /F1 18 Tf 20 100 Td (Tai lieu OCOP) Tj ET';
  objs.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let out = '%PDF-1.4\n';
  const offs = [];
  objs.forEach((o, i) => { offs.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const x = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${x}\n%%EOF\n`;
  const head = Buffer.from(out, 'latin1');
  if (!pad) return head;
  // Filler after %%EOF as a comment-like tail: still a PDF to libmagic and to readers.
  const filler = Buffer.alloc(pad);
  for (let i = 0; i < pad; i++) filler[i] = (i * 7919 + (i >> 8)) & 0xff;
  return Buffer.concat([head, Buffer.from('%'), filler]);
}

export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64');
