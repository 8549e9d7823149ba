'use strict';
// Failed calls against a live server: INVALID_ARGUMENT and NOT_FOUND
// decoded from the grpc-status-details-bin trailer, each Status equal to
// what the C++ client reports (see support.js); a deadline. The
// INVALID_ARGUMENT cases particular to one RPC are with that RPC's tests.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { compdata, client, Code, AS_OF, pinned, bothFail, cppDetail } = require('./support');

test('INVALID_ARGUMENT: the Status trailer names the field, as the C++ client reports', async () => {
  const { err, details, cppJson } = await bothFail('GetSalaryDistribution',
    { role: 'ai-engineer', percentiles: [50, 150] }, Code.INVALID_ARGUMENT);
  const violations = details['google.rpc.BadRequest'].field_violations;
  assert.equal(violations.length, 1);
  assert.equal(violations[0].field, 'percentiles[1]');
  assert.equal(violations[0].field, cppDetail(cppJson, 'google.rpc.BadRequest').field_violations[0].field,
    'same field as the C++ client');
  assert.ok(violations[0].description.length > 0);
  const info = details['google.rpc.ErrorInfo'];
  assert.equal(info.reason, 'INVALID_FIELD');
  assert.equal(info.metadata.field, 'percentiles[1]');
  assert.equal(err.code, Code.INVALID_ARGUMENT);

  const paging = await bothFail('ListRoles', { page_size: -1 }, Code.INVALID_ARGUMENT);
  assert.equal(paging.details['google.rpc.BadRequest'].field_violations[0].field, 'page_size');
  const currency = await bothFail('GetSalaryDistribution',
    { role: 'ai-engineer', filter: { currency: 'usd' } }, Code.INVALID_ARGUMENT);
  assert.equal(currency.details['google.rpc.BadRequest'].field_violations[0].field, 'filter.currency');
});

test('NOT_FOUND: an unknown role, with the request field in ErrorInfo', async () => {
  const { details } = await bothFail('GetRole', { role: 'no-such-role' }, Code.NOT_FOUND);
  assert.equal(details['google.rpc.ErrorInfo'].reason, 'ROLE_NOT_FOUND');
  assert.equal(details['google.rpc.ErrorInfo'].metadata.field, 'role');
  assert.equal(details['google.rpc.BadRequest'], undefined, 'no BadRequest for NOT_FOUND');
  const compare = await bothFail('CompareRoles',
    { roles: ['ai-engineer', 'no-such-role'], filter: pinned() }, Code.NOT_FOUND);
  assert.equal(compare.details['google.rpc.ErrorInfo'].metadata.field, 'roles[1]');
  for (const method of ['GetSalaryDistribution', 'GetSkillPremiums', 'GetCareerPath', 'GetSalaryTrend']) {
    const r = await bothFail(method, { role: 'no-such-role' }, Code.NOT_FOUND);
    assert.equal(r.details['google.rpc.ErrorInfo'].reason, 'ROLE_NOT_FOUND', method);
  }
});

test('a deadline is honoured', async (t) => {
  // The skill premiums of every skill of a role, bootstrap intervals
  // included, in a request the server has not answered before (answers are
  // cached): the window ends a random fraction of a second before AS_OF.
  const heavy = () => ({
    role: 'software-engineer',
    filter: { time_window: { end_time: {
      seconds: String(Number(AS_OF.seconds) - 1), nanos: 1 + Math.floor(Math.random() * 999999998) } } },
    top_n: 100,
    min_sample_size: 1,
  });
  // The time the work takes: the faster of two fresh requests.
  let fullMs = Infinity;
  let started;
  for (let i = 0; i < 2; i++) {
    started = process.hrtime.bigint();
    const full = await compdata.call(client, 'GetSkillPremiums', heavy());
    fullMs = Math.min(fullMs, Number(process.hrtime.bigint() - started) / 1e6);
    assert.ok(full.premiums.length > 0);
  }

  // The same work with a deadline of a fifth of that time.
  const deadlineMs = Math.max(1, Math.floor(fullMs / 5));
  started = process.hrtime.bigint();
  const request = heavy();
  const err = await compdata.call(client, 'GetSkillPremiums', request, { timeoutMs: deadlineMs })
    .then(() => null, (e) => e);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(err, `a call needing ~${fullMs.toFixed(1)} ms succeeded within a ${deadlineMs} ms deadline`);
  assert.equal(err.code, Code.DEADLINE_EXCEEDED, err.message);
  t.diagnostic(`same work: ${fullMs.toFixed(1)} ms; deadline ${deadlineMs} ms; ended after ${elapsedMs.toFixed(1)} ms`);
  assert.ok(elapsedMs < deadlineMs + 1000, `ended at the deadline (${elapsedMs.toFixed(1)} ms)`);

  // A generous deadline on the same request succeeds.
  const ok = await compdata.call(client, 'GetSkillPremiums', request, { timeoutMs: 30000 });
  assert.ok(ok.premiums.length > 0);
  // Expired before it is sent: never an answer.
  const expired = await compdata.call(client, 'GetRole', { role: 'ai-engineer' }, { timeoutMs: -1 })
    .then(() => null, (e) => e);
  assert.equal(expired && expired.code, Code.DEADLINE_EXCEEDED);
});
