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

// A zip archive with the entries stored (no compression), in the given order:
// enough to build Office Open XML files byte by byte.
export async function zipStored(entries) {
  const { crc32 } = await import('node:zlib');
  const locals = [], centrals = [];
  let off = 0;
  for (const [name, text] of entries) {
    const n = Buffer.from(name), d = Buffer.from(text), crc = crc32(d);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(d.length, 18); lh.writeUInt32LE(d.length, 22); lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(d.length, 20); ch.writeUInt32LE(d.length, 24);
    ch.writeUInt16LE(n.length, 28); ch.writeUInt32LE(off, 42);
    locals.push(lh, n, d);
    centrals.push(ch, n);
    off += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
// A minimal .docx / .pptx / .xlsx as Office writes it ([Content_Types].xml first);
// reorder: the main part first, as some other tools write it.
export function ooxml(kind, reorder = false) {
  const main = { docx: 'word/document.xml', pptx: 'ppt/presentation.xml', xlsx: 'xl/workbook.xml' }[kind];
  const entries = [['[Content_Types].xml', CT], ['_rels/.rels', '<Relationships/>'], [main, '<x/>']];
  return zipStored(reorder ? [entries[2], entries[1], entries[0]] : entries);
}
