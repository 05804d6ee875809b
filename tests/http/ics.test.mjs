// ics.test.mjs: the personal page and its calendar file (RFC 5545).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { person, apiRegister, text, SESSION_DATES } from '../lib/ocop.mjs';

let srv, token, ics, icsRes;
before(async () => {
  srv = await startServer();
  const { res, json } = await apiRegister(srv.url, person({ full_name: 'Bùi Thị Xuân; Nguyễn, "Lan"' }));
  assert.equal(res.status, 201);
  token = json.registration.token;
  icsRes = await fetch(`${srv.url}/me/${token}/calendar.ics`);
  ics = Buffer.from(await icsRes.arrayBuffer());
});
after(async () => { await srv.stop(); });

const lines = () => ics.toString('latin1').split('\r\n').slice(0, -1).map((l) => Buffer.from(l, 'latin1'));
const unfolded = () => ics.toString('utf8').replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
const events = () => unfolded().join('\n').split('BEGIN:VEVENT').slice(1).map((e) => e.split('END:VEVENT')[0]);
const prop = (ev, name) => (new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, 'm').exec(ev) || [])[1];

test('the personal page lists the 8 sessions with join links and links the .ics', async () => {
  const res = await fetch(`${srv.url}/me/${token}`);
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const sessions = html.split('<li class="session">').slice(1);
  assert.equal(sessions.length, 8);
  sessions.forEach((s, i) => {
    assert.ok(text(s).includes(SESSION_DATES[i]), `session ${i + 1} date`);
    assert.match(s, /href="https:\/\/zoom\.us\/[^"]+"/, `session ${i + 1} Zoom link`);
  });
  assert.match(html, new RegExp(`href="/me/${token}/calendar\\.ics"`));
  assert.ok(text(html).includes('Bùi Thị Xuân; Nguyễn, "Lan"'));
});

test('calendar.ics is text/calendar, offered as a download', () => {
  assert.equal(icsRes.status, 200);
  assert.match(icsRes.headers.get('content-type'), /^text\/calendar(; ?charset=utf-8)?$/i);
  assert.match(icsRes.headers.get('content-disposition') || '', /\.ics/);
  assert.equal(icsRes.headers.get('x-content-type-options'), 'nosniff');
});

test('calendar.ics is valid UTF-8 with CRLF line ends and no bare LF or CR', () => {
  assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(ics));
  const s = ics.toString('latin1');
  assert.ok(s.endsWith('\r\n'), 'ends with CRLF');
  assert.equal(s.replace(/\r\n/g, '').search(/[\r\n]/), -1, 'no bare CR or LF');
});

test('calendar.ics lines are at most 75 octets and folds never split a UTF-8 character', () => {
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (const [i, l] of lines().entries()) {
    assert.ok(l.length <= 75, `line ${i + 1} is ${l.length} octets: ${l.toString('utf8')}`);
    assert.doesNotThrow(() => dec.decode(l), `line ${i + 1} is whole UTF-8`);
  }
  assert.ok(lines().some((l) => l[0] === 0x20), 'long lines are folded with a leading space');
});

test('calendar.ics is one VCALENDAR with one VEVENT per session', () => {
  const u = unfolded();
  assert.equal(u[0], 'BEGIN:VCALENDAR');
  assert.equal(u[u.length - 1], 'END:VCALENDAR');
  assert.ok(u.includes('VERSION:2.0'));
  assert.ok(u.some((l) => l.startsWith('PRODID:')));
  assert.equal(u.filter((l) => l === 'BEGIN:VEVENT').length, 8);
  assert.equal(u.filter((l) => l === 'END:VEVENT').length, 8);
  const begins = u.filter((l) => l.startsWith('BEGIN:')).length;
  const ends = u.filter((l) => l.startsWith('END:')).length;
  assert.equal(begins, ends, 'every BEGIN has its END');
});

test('each VEVENT starts 08:00 and ends 11:30 Vietnam time, written in UTC', () => {
  events().forEach((ev, i) => {
    const [d, m, y] = SESSION_DATES[i].split('/');
    assert.equal(prop(ev, 'DTSTART'), `${y}${m}${d}T010000Z`, `session ${i + 1} DTSTART`);
    assert.equal(prop(ev, 'DTEND'), `${y}${m}${d}T043000Z`, `session ${i + 1} DTEND`);
    assert.match(prop(ev, 'DTSTAMP'), /^\d{8}T\d{6}Z$/);
  });
});

test('each VEVENT has a unique UID, a summary naming the session, and the join link', () => {
  const evs = events();
  const uids = evs.map((e) => prop(e, 'UID'));
  assert.equal(new Set(uids).size, 8);
  for (const u of uids) assert.ok(u && u.includes('@'), `UID ${u}`);
  evs.forEach((e, i) => {
    assert.ok(prop(e, 'SUMMARY').includes(`Buổi ${i + 1}`), prop(e, 'SUMMARY'));
    assert.match(e, /https:\/\/zoom\.us\//);
  });
});

test('topics appear in the descriptions, with commas and semicolons escaped', () => {
  const all = events().map((e) => prop(e, 'DESCRIPTION')).join('\n');
  for (let n = 1; n <= 11; n++) assert.ok(all.includes(`Chuyên đề ${n}`), `Chuyên đề ${n}`);
  for (const d of events().map((e) => prop(e, 'DESCRIPTION'))) {
    assert.ok(!/(^|[^\\]),/.test(d), `unescaped comma in ${d.slice(0, 60)}`);
    assert.ok(!/(^|[^\\]);/.test(d), 'unescaped semicolon');
  }
});

test('the calendar links back to this server and this person', () => {
  const all = unfolded().join('\n');
  assert.ok(all.includes(`${srv.url}/me/${token}`), 'personal link is reachable');
});

test('calendar.ics for an unknown or malformed token is 404', async () => {
  for (const t of ['AAAAAAAAAAAAAAAAAAAAAA', 'x', token + 'x', token.slice(0, -1)]) {
    const res = await fetch(`${srv.url}/me/${t}/calendar.ics`);
    await res.arrayBuffer();
    assert.equal(res.status, 404, t);
  }
});
