// certs.mjs: helpers for the certificate tests.
//   attend(db, reg, sessions)    check-ins that make reg attend the first `sessions` sessions
//   passFinal(db, reg, passed)   a stored submission of the series' final test
//   bulkRegister(db, slug, n)    n participants straight into the database
//   waitJob(db, slug, ms)        until the series' latest issue job is no longer running
//   consolePost(srv, s, path, fields)  POST a console form, returns the response
import { sql } from './ocop.mjs';

export function seriesId(db, slug = 'ocop-2021') {
  return Number(sql(db, `select id from series where slug = '${slug}'`));
}

export function attend(db, reg, sessions, slug = 'ocop-2021') {
  const sid = seriesId(db, slug);
  const ids = sql(db, `select id from sessions where series_id = ${sid} order by position limit ${sessions}`)
    .split('\n').filter(Boolean);
  for (const s of ids) {
    sql(db, `insert into attendance_rules (session_id, min_percent, min_checkins) values (${s}, 60, 1)
             on conflict (session_id) do update set min_checkins = 1`);
    let c = sql(db, `select id from checkins where session_id = ${s} limit 1`);
    if (!c) c = sql(db, `insert into checkins (session_id, code, opens_at, closes_at, created_at) values (${s}, 'K7M2QX', 0, 1, 0) returning id`);
    sql(db, `insert into checkin_entries (checkin_id, registration_id, at) values (${c}, ${reg}, 0) on conflict do nothing`);
  }
}

export function passFinal(db, reg, passed = true, slug = 'ocop-2021') {
  const sid = seriesId(db, slug);
  const ev = sql(db, `select id from evaluations where series_id = ${sid} and session_id is null limit 1`);
  sql(db, `insert into submissions (evaluation_id, registration_id, form_id, score, max_score, passed, submitted_at)
           values (${ev}, ${reg}, 'f${reg}x${ev}', ${passed ? 900 : 200}, 1000, ${passed ? 1 : 0}, 0)`);
}

// Zero-padded text of an integer expression, in either database's SQL.
const pad = (expr, n) => {
  const x = `('${'0'.repeat(n)}' || ${expr})`;
  return `substr(${x}, length(${x}) - ${n - 1})`;
};

export function bulkRegister(db, n, slug = 'ocop-2021', name = 'Học Viên') {
  const sid = seriesId(db, slug);
  sql(db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ${n})
    INSERT INTO registrations (series_id, token, full_name, name_fold, email, email_norm, phone,
      province_code, category, created_at)
    SELECT ${sid}, 'b' || ${pad('i', 21)}, 'Nguyễn ${name} ' || i, 'nguyen hoc vien ' || i,
      'bulk' || i || '@example.vn', 'bulk' || i || '@example.vn', '+8491' || ${pad('i', 7)},
      '79', 'cooperative', 0 FROM n`);
}

export async function waitJob(db, slug = 'ocop-2021', ms = 60000) {
  const sid = seriesId(db, slug);
  const end = Date.now() + ms;
  for (;;) {
    const st = sql(db, `select state from cert_jobs where series_id = ${sid} order by id desc limit 1`);
    if (st && st !== 'running') return st;
    if (Date.now() > end) throw new Error(`job still ${st || 'missing'} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function consolePost(srv, s, path, fields) {
  return fetch(`${srv.url}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie },
    body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
  });
}

// The code as printed: four groups of five.
export const shown = (code) => code.match(/.{5}/g).join('-');
