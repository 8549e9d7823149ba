'use strict';
// BatchRead, known_version and read_mask against a live server (see
// support.js): every streamed answer equals what the C++ client's
// `compdata call` gets for the item's request, a known version comes back as
// metadata only, and a masked answer is the full answer trimmed (the mask
// itself sent as proto JSON, "roles.pay,roles.payByLevel,verdicts", to the
// C++ client).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const {
  compdata, client, Code, pj, pinned, cpp, agree, bothFail, testOneDataVersion,
} = require('./support');

// Every answer of a BatchRead call, in the order streamed; rejects with the
// call's error.
function batchRead(request, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const answers = [];
    const call = client.BatchRead(request, new compdata.grpc.Metadata(),
      { deadline: Date.now() + timeoutMs });
    call.on('data', (a) => answers.push(a));
    call.on('error', reject);
    call.on('end', () => resolve(answers));
  });
}

const METHOD = { compare_roles: 'CompareRoles', salary_distribution: 'GetSalaryDistribution' };

test('BatchRead: each streamed answer is the unary answer of its item', async () => {
  const items = [
    { compare_roles: { roles: ['ml-engineer', 'data-scientist'], filter: pinned() } },
    { salary_distribution: { role: 'ai-engineer', filter: pinned(), percentiles: [10, 90] } },
    { compare_roles: { roles: ['ai-engineer', 'software-engineer'], filter: pinned(),
      read_mask: { paths: ['roles.pay', 'verdicts'] } } },
    { salary_distribution: { role: 'astronaut', filter: pinned() } },
    {},
  ];
  const answers = await batchRead({ items });
  assert.deepEqual(answers.map((a) => a.index).sort((x, y) => x - y), [0, 1, 2, 3, 4]);
  for (const answer of answers) {
    const item = items[answer.index];
    const kind = Object.keys(item)[0];
    if (!kind) {
      assert.equal(answer.result, 'error');
      const [bad] = compdata.unpackDetails(answer.error)
        .filter((d) => d.type === 'google.rpc.BadRequest');
      assert.equal(bad.message.field_violations[0].field, `items[${answer.index}]`);
      continue;
    }
    const other = await cpp(METHOD[kind], item[kind]);
    if (other.exit === 0) {
      assert.equal(answer.result, kind, `item ${answer.index}`);
      assert.deepEqual(pj.message(`compdata.v1.${METHOD[kind]}Response`, answer[kind]), other.json,
        `item ${answer.index}: the batch and the C++ client's unary answer differ`);
    } else {
      assert.equal(answer.result, 'error', `item ${answer.index}`);
      assert.deepEqual(pj.message('google.rpc.Status', answer.error), other.json);
      assert.equal(answer.error.code, Code.NOT_FOUND);
    }
  }
  await assert.rejects(batchRead({ items: [] }), (err) => err.code === Code.INVALID_ARGUMENT);
});

test('known_version: the same version comes back as metadata only', async () => {
  const request = { role: 'ai-engineer', filter: pinned(), min_sample_size: 20 };
  const full = await agree('GetSkillPremiums', request);
  assert.ok(full.premiums.length > 0);
  const version = full.metadata.answer_version;
  assert.ok(version, 'answer_version set');
  assert.equal(full.metadata.unchanged, false);
  const unchanged = await agree('GetSkillPremiums', { ...request, known_version: version });
  assert.equal(unchanged.metadata.unchanged, true);
  assert.equal(unchanged.metadata.answer_version, version);
  assert.deepEqual(pj.message('compdata.v1.GetSkillPremiumsResponse', unchanged),
    { metadata: pj.message('compdata.v1.ResponseMetadata', unchanged.metadata) });
  const stale = await agree('GetSkillPremiums', { ...request, known_version: `${version}-old` });
  assert.deepEqual(stale.premiums, full.premiums);
});

test('read_mask: the answer is the full answer trimmed; a bad path is named', async () => {
  const request = { roles: ['ai-engineer', 'ml-engineer'], filter: pinned(), percentiles: [90] };
  const full = pj.message('compdata.v1.CompareRolesResponse', await agree('CompareRoles', request));
  const paths = ['roles.pay', 'roles.pay_by_level', 'verdicts'];
  assert.equal(pj.message('compdata.v1.CompareRolesRequest', { ...request, read_mask: { paths } })
    .read_mask, 'roles.pay,roles.payByLevel,verdicts');
  const masked = pj.message('compdata.v1.CompareRolesResponse',
    await agree('CompareRoles', { ...request, read_mask: { paths } }));
  assert.deepEqual(masked, {
    roles: full.roles.map((r) => ({ pay: r.pay, pay_by_level: r.pay_by_level })),
    verdicts: full.verdicts,
    metadata: full.metadata,
  });
  const { details } = await bothFail('CompareRoles',
    { ...request, read_mask: { paths: ['verdicts', 'roles.salary'] } }, Code.INVALID_ARGUMENT);
  assert.equal(details['google.rpc.BadRequest'].field_violations[0].field, 'read_mask.paths[1]');
});

testOneDataVersion();
