// pg_copy.test.mjs: `ocop copy` moves a SQLite installation, registrations
// included, into a new PostgreSQL database and verifies it; the copy serves;
// a target that already holds other rows is refused.  Needs OCOP_TEST_PG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PG, ocop, pgAdmin, pgCreateDb, pgDropDb, startServer } from '../lib/server.mjs';

const skip = PG ? false : 'OCOP_TEST_PG not set: no PostgreSQL to copy to';

function copy(from, to) {
  try {
    return { code: 0, out: execFileSync(BIN, ['copy', '--from', from, '--to', to], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: String(e.stdout) + String(e.stderr) };
  }
}

test('ocop copy moves a SQLite installation to PostgreSQL and verifies it', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-copy-'));
  const lite = join(dir, 'ocop.db');
  const pg = pgCreateDb();
  try {
    ocop(['demo', '--db', lite]);
    ocop(['admin', 'add', 'copy@example.vn', '--db', lite]);
    const srv = await startServer({ db: lite, demo: false });
    const res = await fetch(srv.url + '/api/v1/series/ocop-2021/registrations', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ full_name: 'Trần Văn "Bình" <b>', email: 'binh@example.vn',
        phone: '0912345678', province_code: '79', category: 'household', consent: true }),
    });
    assert.equal(res.status, 201);
    const { registration } = await res.json();
    await srv.stop({ keep: true });

    const r = copy('sqlite:' + lite, pg);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /registrations\s+1\s+1\s+[0-9a-f]{16}\s+ok/);
    assert.match(r.out, /verified/);
    assert.doesNotMatch(r.out, /MISMATCH/);

    // The copy serves the same participant, and new ids follow the copied ones.
    const on = await startServer({ db: pg, demo: false });
    const me = await fetch(on.url + '/me/' + registration.token);
    assert.equal(me.status, 200);
    const next = await fetch(on.url + '/api/v1/series/ocop-2021/registrations', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ full_name: 'Lê Thị Hoa', email: 'hoa@example.vn',
        phone: '0987654321', province_code: '01', category: 'household', consent: true }),
    });
    assert.equal(next.status, 201);
    assert.ok((await next.json()).registration.id > registration.id);
    await on.stop();

    // Now the target holds a row the source does not: refused, nothing written.
    const again = copy('sqlite:' + lite, pg);
    assert.equal(again.code, 1);
    assert.match(again.out, /target table '\w+' is not empty/);
    assert.equal(pgAdmin('SELECT count(*) FROM registrations', pg).trim(), '2');
  } finally {
    pgDropDb(pg);
    rmSync(dir, { recursive: true, force: true });
  }
});
