'use strict';
// Official statistics from Node against a live server: the sample OEWS
// table tests/clients/with_live_server.sh imports is returned beside our
// figures by GetSalaryDistribution and CompareRoles, equal to the C++
// client's answers (see support.js); ImportOfficialStatistics refuses a
// malformed table with one BadRequest violation per bad line, and writes
// nothing.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const protoLoader = require('@grpc/proto-loader');
const {
  compdata, Code, agree, pinned, nanos, testOneDataVersion,
} = require('./support');

test('GetSalaryDistribution: official rows beside ours, as published', async () => {
  const answer = await agree('GetSalaryDistribution',
    { role: 'software-engineer', filter: pinned() });
  const swe = answer.official_statistics.find((s) => s.occupation_code === '15-1252');
  assert.ok(swe, 'the sample links 15-1252 to software-engineer');
  assert.equal(swe.occupation_title, 'Software Developers');
  assert.match(swe.label, /, May 2024, United States: Software Developers \(15-1252\)$/);
  assert.equal(swe._employment, 'employment', 'employment is published');
  assert.equal(swe.mean.kind, 'OFFICIAL_VALUE_KIND_EXACT');
  assert.deepEqual(swe.percentiles.map((p) => p.percentile), [10, 25, 50, 75, 90]);
  const values = swe.percentiles.map((p) => nanos(p.value.value));
  assert.deepEqual([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), values);
  // Our own distribution is there too, beside it.
  assert.ok(Number(answer.distribution.count) > 0);
});

test('CompareRoles: each role its own official rows; "#" is AT_LEAST', async () => {
  const answer = await agree('CompareRoles',
    { roles: ['ml-researcher', 'engineering-manager'], filter: pinned() });
  for (const role of answer.roles) {
    const rows = role.official_statistics;
    assert.ok(rows.length >= 1, role.role.slug);
    const p90 = rows[0].percentiles[4].value;
    assert.equal(p90.kind, 'OFFICIAL_VALUE_KIND_AT_LEAST', role.role.slug);
    assert.equal(p90.value.units, '239200');
  }
  const euros = await agree('CompareRoles',
    { roles: ['ml-researcher', 'engineering-manager'], filter: pinned({ currency: 'EUR' }) });
  for (const role of euros.roles) assert.equal(role.official_statistics.length, 0);
});

test('ImportOfficialStatistics: a malformed table, its bad lines named', async () => {
  const definition = protoLoader.loadSync('compdata/v1/ingest_service.proto',
    compdata.LOADER_OPTIONS);
  const { IngestService } = compdata.grpc.loadPackageDefinition(definition).compdata.v1;
  const ingest = new IngestService(process.env.COMPDATA_TARGET,
    compdata.grpc.credentials.createInsecure());
  try {
    const table = 'OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n' +
      '15-1252,Software Developers,10,5,1,2,3,4,5\n' +
      '15-2051,Data Scientists,10,5,1,2,30,4,5\n' +
      '15-1221,Research,ten,5,1,2,3,4,5\n';
    const request = {
      source: 'Node Test', reference_period: '2025', area: 'Nowhere', currency: 'USD',
      table, links: [{ occupation_code: '15-1252', role: 'software-engineer' }],
    };
    const err = await new Promise((resolve) => {
      ingest.ImportOfficialStatistics(request, { deadline: Date.now() + 10000 },
        (e) => resolve(e));
    });
    assert.ok(err, 'the import is refused');
    assert.equal(err.code, Code.INVALID_ARGUMENT);
    const details = {};
    for (const d of compdata.unpackDetails(compdata.rpcStatus(err))) details[d.type] = d.message;
    assert.deepEqual(details['google.rpc.BadRequest'].field_violations.map(
      (v) => [v.field, v.description]), [
      ['table', 'line 3: A_PCT75: 4.00 is below A_MEDIAN (30.00)'],
      ['table', 'line 4: TOT_EMP: "ten" is not a number'],
    ]);
    assert.equal(details['google.rpc.ErrorInfo'].metadata.field, 'table');
  } finally {
    ingest.close();
  }
  // Nothing was written (and no new data version: see below).
  const answer = await agree('GetSalaryDistribution',
    { role: 'software-engineer', filter: pinned() });
  assert.ok(!answer.official_statistics.some((s) => s.source === 'Node Test'));
});

testOneDataVersion();
