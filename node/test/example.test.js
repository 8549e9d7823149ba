'use strict';
// example.js against a live server: what it prints is what the API answers
// (the answer compared with the C++ client's, see support.js), and an
// unknown role fails with the decoded error.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { agree, pinned } = require('./support');

function runExample(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(__dirname, '..', 'example.js'), ...args],
      { env: process.env }, (err, stdout, stderr) => resolve({ exit: err ? err.code : 0, stdout, stderr }));
  });
}

test('example.js prints the comparison the API returns', async () => {
  const roles = ['ai-engineer', 'data-scientist'];
  const run = await runExample(roles);
  assert.equal(run.exit, 0, run.stderr);
  // The same request the example sends.
  const answer = await agree('CompareRoles', { roles, top_n: 3, filter: pinned() });
  const { money } = require('../example');
  assert.match(run.stdout, new RegExp(`data version ${answer.metadata.data_version}\\)`));
  for (const rc of answer.roles) {
    assert.ok(run.stdout.includes(`${rc.role.title} [${rc.role.slug}]`), rc.role.slug);
    assert.ok(run.stdout.includes(`median pay     ${money(rc.pay.median)}`), `${rc.role.slug} median`);
    assert.ok(run.stdout.includes(`open positions ${rc.open_positions} `), `${rc.role.slug} open positions`);
  }
  for (const v of answer.verdicts) assert.ok(run.stdout.includes(v.sentence), v.sentence);
  assert.equal(money({ currency_code: 'USD', units: '-1234567', nanos: -500000000 }), 'USD -1,234,567.50');

  const bad = await runExample(['ai-engineer', 'no-such-role']);
  assert.equal(bad.exit, 1);
  assert.match(bad.stderr, /NOT_FOUND/);
  assert.match(bad.stderr, /reason ROLE_NOT_FOUND/);
});
