// regs.mjs: helpers for the console's registrants tests.
//   account(srv, email, role, member)  create an account (member of ocop-2021 unless false)
//   login(srv, email, password)        a Client with the session and CSRF cookies
//   client.get(path) / client.post(path, fields) / client.upload(path, bytes, name, fields)
//   importFile(client, bytes, name)    upload, follow to the job page, wait for the report
//   report(html)                       the counts, rejects and notes of a job page
import assert from 'node:assert/strict';
import { ocop, formSession } from './server.mjs';
import { sql } from './ocop.mjs';

export const SLUG = 'ocop-2021';
export const BASE = `/admin/series/${SLUG}`;

export function account(srv, email, role, member = true) {
  const out = ocop(['admin', 'add', email, '--role', role, '--db', srv.db]);
  const password = /password: (\S+)/.exec(out)[1];
  if (member) {
    sql(srv.db, `INSERT INTO series_members (series_id, user_id) SELECT s.id, u.id FROM series s, users u WHERE s.slug = '${SLUG}' AND u.email = '${email}'`);
  }
  return password;
}

export class Client {
  constructor(url) { this.url = url; this.cookies = {}; this.csrf = null; }
  cookie() { return Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; '); }
  keep(res) {
    for (const c of res.headers.getSetCookie ? res.headers.getSetCookie() : []) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      this.cookies[kv.slice(0, i)] = kv.slice(i + 1);
    }
    return res;
  }
  async get(path) {
    const res = this.keep(await fetch(this.url + path, { redirect: 'manual', headers: { Cookie: this.cookie() } }));
    return res;
  }
  async html(path) {
    const res = await this.get(path);
    const body = await res.text();
    const m = /name="csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1];
    return { res, body };
  }
  async post(path, fields, { csrf = true } = {}) {
    const body = new URLSearchParams({ ...(csrf ? { csrf: this.csrf } : {}), ...fields }).toString();
    return this.keep(await fetch(this.url + path, {
      method: 'POST', redirect: 'manual', body,
      headers: { Cookie: this.cookie(), 'Content-Type': 'application/x-www-form-urlencoded' },
    }));
  }
  async upload(path, bytes, name, { csrf = true } = {}) {
    const form = new FormData();
    if (csrf) form.append('csrf', this.csrf);
    form.append('file', new Blob([bytes], { type: 'text/csv' }), name);
    return this.keep(await fetch(this.url + path, {
      method: 'POST', redirect: 'manual', body: form, headers: { Cookie: this.cookie() },
    }));
  }
}

export async function login(srv, email, password) {
  const c = new Client(srv.url);
  await c.html('/admin/login');
  const res = await c.post('/admin/login', { email, password });
  assert.equal(res.status, 303, `login of ${email}`);
  await c.html('/admin'); // a CSRF token for later posts
  return c;
}

// The figures and rows of an import job page.
export function report(html) {
  const num = (k) => { const m = new RegExp(`data-k="${k}">(\\d+)<`).exec(html); return m ? Number(m[1]) : null; };
  const state = /id="import-state"[^>]*data-state="(\w+)"/.exec(html);
  const rejects = [...html.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)]
    .map((m) => ({ row: Number(m[1]), reason: m[2].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') }));
  const notes = [...html.matchAll(/<p class="notice note">([^<]*)<\/p>/g)].map((m) => m[1]);
  return { state: state && state[1], total: num('total'), imported: num('imported'), merged: num('merged'),
    rejected: num('rejected'), filled: num('filled'), rejects, notes, refresh: /http-equiv="refresh"/.test(html) };
}

export async function importFile(client, bytes, name = 'dang-ky.csv', { timeout = 60000 } = {}) {
  await client.html(`${BASE}/registrations/import`);
  const res = await client.upload(`${BASE}/registrations/import`, bytes, name);
  if (res.status !== 303) return { status: res.status, html: await res.text() };
  const location = res.headers.get('location');
  assert.match(location, new RegExp(`^${BASE}/imports/\\d+$`));
  const t0 = Date.now();
  const pages = [];
  for (;;) {
    const { body } = await client.html(location);
    const r = report(body);
    pages.push(r);
    if (r.state !== 'running') return { status: 303, location, ...r, pages, html: body };
    assert.ok(r.refresh, 'a running import page refreshes itself');
    if (Date.now() - t0 > timeout) throw new Error('import did not finish');
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

export const dump = (db) => sql(db, 'SELECT id, token, full_name, email, email_norm, phone, province_code, category, organization, position, consent, status, created_at FROM registrations ORDER BY id');

export { formSession };
