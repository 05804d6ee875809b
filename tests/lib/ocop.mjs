// ocop.mjs: small helpers shared by the HTTP and browser tests.
//   person()            a valid registration with a unique e-mail and phone
//   apiRegister(url, p) POST /api/v1/series/{slug}/registrations, { res, json }
//   webRegister(url, p) GET the form, POST it, { res, html, location, token }
//   sql(db, query)      run a query with the sqlite3 CLI, trimmed stdout
//   assertHeaders(res)  the security headers every response carries
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { formSession, postForm } from './server.mjs';

let seq = 0;
const run = (process.pid % 1000) * 1000;

export function person(over = {}) {
  seq += 1;
  const n = String(run + seq).padStart(7, '0').slice(-7);
  return {
    full_name: 'Nguyễn Thị Hồng',
    email: `hong.${process.pid}.${seq}@example.vn`,
    phone: `091${n}`,
    province_code: '79',
    category: 'enterprise',
    organization: 'HTX Nông sản Xanh',
    position: 'Giám đốc',
    ...over,
  };
}

export async function apiRegister(url, p, slug = 'ocop-2021') {
  const res = await fetch(`${url}/api/v1/series/${slug}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof p === 'string' ? p : JSON.stringify(p),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* left null */ }
  return { res, json, text };
}

export async function webRegister(url, p, slug = 'ocop-2021') {
  const s = await formSession(`${url}/s/${slug}/register`);
  assert.equal(s.status, 200);
  assert.ok(s.csrf, 'form carries a csrf field');
  const res = await postForm(`${url}/s/${slug}/register`, { ...p, csrf: s.csrf }, { cookie: s.cookie });
  const html = await res.text();
  const location = res.headers.get('location');
  const m = location && /^\/me\/([A-Za-z0-9_-]+)\?new=1$/.exec(location);
  return { res, html, location, token: m && m[1], session: s };
}

// A query on the test server's database: sqlite3 for a file, psql for a
// PostgreSQL URL (the suite runs on both).  Output: rows of |-separated text.
export function sql(db, query) {
  if (/^postgres(ql)?:\/\//.test(db)) {
    const out = execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query],
      { encoding: 'utf8' }).trim();
    // Booleans as SQLite shows them, so one expectation serves both.
    return out.split('\n').map((l) => l.split('|').map((f) => (f === 't' ? '1' : f === 'f' ? '0' : f)).join('|')).join('\n');
  }
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

export function regCount(db) {
  return Number(sql(db, 'select count(*) from registrations'));
}

export function assertHeaders(res, what = '') {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `nosniff ${what}`);
  assert.ok(res.headers.get('content-security-policy'), `CSP ${what}`);
}

// Text of an HTML page without tags, whitespace collapsed.
export function text(html) {
  return html.replace(/<[^>]*>/g, ' ').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'")
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

// The <p class="err"> messages of a re-rendered form, keyed by the field they sit in.
export function fieldErrors(html) {
  const out = {};
  const re = /<div class="field[^"]*">\s*<label for="([a-z_]+)"[\s\S]*?<\/div>/g;
  for (const m of html.matchAll(re)) {
    const e = /<p class="err">([^<]*)<\/p>/.exec(m[0]);
    if (e) out[m[1]] = e[1];
  }
  return out;
}

export const SESSION_DATES = ['28/09/2021', '30/09/2021', '01/10/2021', '04/10/2021',
  '06/10/2021', '08/10/2021', '11/10/2021', '13/10/2021'];
