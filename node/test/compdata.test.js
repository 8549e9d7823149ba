'use strict';
// The Node client against a live compdata-server with real data: every read
// RPC of CompensationService, each answer compared with the C++ client's
// answer to the same request ($COMPDATA_CLI call METHOD JSON) and checked
// for the contract's invariants; errors decoded from the
// grpc-status-details-bin trailer; a deadline; the example program.
//
// Run through tests/clients/with_live_server.sh, which exports
// COMPDATA_TARGET, COMPDATA_CLI, COMPDATA_AS_OF and COMPDATA_SOURCE_DIR:
//   tests/clients/with_live_server.sh build build/pgstate node --test node/test/

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const compdata = require('../lib/compdata');

const { COMPDATA_TARGET, COMPDATA_CLI, COMPDATA_AS_OF } = process.env;
if (!COMPDATA_TARGET || !COMPDATA_CLI || !COMPDATA_AS_OF) {
  throw new Error('COMPDATA_TARGET, COMPDATA_CLI and COMPDATA_AS_OF must be set: run this suite ' +
                  'through tests/clients/with_live_server.sh BIN_DIR PG_STATE node --test node/test/');
}

const { status: Code } = compdata.grpc;
const pj = compdata.protoJson();
const root = compdata.protoRoot();
const client = compdata.newClient(COMPDATA_TARGET);
after(() => client.close());

// Demand figures count the postings open at the end of the time window:
// pin it to the generated data's "now" so both clients (and every run) see
// the same answer.
const AS_OF = compdata.timestamp(COMPDATA_AS_OF);
const pinned = (filter = {}) => ({ ...filter, time_window: { end_time: AS_OF } });

const LEVELS = ['SENIORITY_LEVEL_ENTRY', 'SENIORITY_LEVEL_MID', 'SENIORITY_LEVEL_SENIOR',
  'SENIORITY_LEVEL_STAFF', 'SENIORITY_LEVEL_PRINCIPAL'];

// ---------------------------------------------------------------------------
// Calling both clients
// ---------------------------------------------------------------------------

// The C++ client: {exit, json} of `$COMPDATA_CLI call METHOD JSON`, where
// JSON is the proto3 JSON of the very request object Node sends.
function cpp(method, request) {
  const json = JSON.stringify(pj.message(`compdata.v1.${method}Request`, request));
  return new Promise((resolve, reject) => {
    execFile(COMPDATA_CLI, ['--target=' + COMPDATA_TARGET, 'call', method, json],
      { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        const exit = err ? err.code : 0;
        if (exit !== 0 && exit !== 1) {
          reject(new Error(`${COMPDATA_CLI} call ${method} ${json}: exit ${exit}: ${stderr}`));
          return;
        }
        try {
          resolve({ exit, json: JSON.parse(stdout) });
        } catch (e) {
          reject(new Error(`${COMPDATA_CLI} call ${method}: not JSON: ${stdout}\n${stderr}`));
        }
      });
  });
}

const dataVersions = new Set();

// Calls `method` from Node and from the C++ client; both must succeed with
// the same answer. Returns Node's answer.
async function agree(method, request) {
  const [node, other] = await Promise.all([
    compdata.call(client, method, request).catch((err) => ({ nodeError: err })),
    cpp(method, request),
  ]);
  assert.ok(!node.nodeError, `Node ${method} failed: ${node.nodeError && node.nodeError.message}`);
  assert.equal(other.exit, 0, `C++ ${method} failed: ${JSON.stringify(other.json)}`);
  assert.deepEqual(pj.message(`compdata.v1.${method}Response`, node), other.json,
    `${method} ${JSON.stringify(request)}: the Node and C++ answers differ`);
  assert.ok(node.metadata && node.metadata.data_version, 'metadata.data_version set');
  dataVersions.add(node.metadata.data_version);
  return node;
}

// Calls `method` from Node and from the C++ client; both must fail with the
// same google.rpc.Status. Returns Node's error, its decoded Status and the
// unpacked details by type name.
async function bothFail(method, request, code) {
  const [outcome, other] = await Promise.all([
    compdata.call(client, method, request).then(
      (response) => ({ response }), (err) => ({ err })),
    cpp(method, request),
  ]);
  assert.ok(outcome.err, `Node ${method} succeeded, expected code ${code}`);
  assert.equal(other.exit, 1, `C++ ${method} succeeded, expected code ${code}`);
  const { err } = outcome;
  assert.equal(err.code, code, `${method}: ${err.message}`);
  const status = compdata.rpcStatus(err);
  assert.ok(status, 'the grpc-status-details-bin trailer is present');
  // The Status in the trailer agrees with the call's own status...
  assert.equal(status.code, err.code);
  assert.equal(status.message, err.details);
  // ...and with what the C++ client reports.
  assert.deepEqual(pj.message('google.rpc.Status', status), other.json,
    `${method} ${JSON.stringify(request)}: the Node and C++ statuses differ`);
  const details = {};
  for (const d of compdata.unpackDetails(status)) details[d.type] = d.message;
  const info = details['google.rpc.ErrorInfo'];
  assert.ok(info, 'ErrorInfo is always sent');
  assert.equal(info.domain, 'compdata.example');
  return { err, status, details, cppJson: other.json };
}

// The C++ client's view of a detail, straight from its JSON.
const cppDetail = (json, type) =>
  json.details.find((d) => d['@type'] === `type.googleapis.com/${type}`);

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

const nanos = compdata.moneyNanos;

function assertMoneyLike(money, where) {
  assert.ok(money, `${where}: set`);
  assert.equal(money.currency_code, 'USD', `${where}: currency`);
  assert.equal(money.nanos % 10000000, 0, `${where}: rounded to the cent (D1)`);
  const units = BigInt(money.units);
  assert.ok(!(units > 0n && money.nanos < 0) && !(units < 0n && money.nanos > 0),
    `${where}: units and nanos have the same sign`);
}

// Every google.type.Money anywhere in `value`.
function allMoney(value, where = '', out = []) {
  if (Array.isArray(value)) value.forEach((v, i) => allMoney(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    if ('currency_code' in value && 'units' in value) out.push([value, where]);
    else for (const [k, v] of Object.entries(value)) allMoney(v, `${where}.${k}`, out);
  }
  return out;
}

function assertAllMoneyUsd(response) {
  const found = allMoney(response);
  for (const [m, where] of found) assertMoneyLike(m, where);
  return found.length;
}

function expectedConfidence(n) {
  if (n < 30) return 'CONFIDENCE_LEVEL_LOW';
  if (n < 100) return 'CONFIDENCE_LEVEL_MEDIUM';
  return 'CONFIDENCE_LEVEL_HIGH';
}

// D6/D7: a Quality is internally consistent. Returns true when the statistic
// is not withheld.
function checkQuality(q, floor, where) {
  assert.ok(q, `${where}: quality set`);
  const n = Number(q.sample_size);
  assert.equal(n, Number(q.posting_count) + Number(q.report_count), `${where}: n = postings + reports`);
  switch (q.suppression_reason) {
    case 'SUPPRESSION_REASON_UNSPECIFIED':
      assert.ok(n > 0, `${where}: a statistic with a value has a sample`);
      assert.equal(q.confidence, expectedConfidence(n), `${where}: confidence of n=${n}`);
      if (Number(q.report_count) > 0) {
        assert.ok(Number(q.report_count) >= floor, `${where}: reports below the floor must be withheld`);
      }
      return true;
    case 'SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR':
      assert.ok(Number(q.report_count) >= 1 && Number(q.report_count) < floor,
        `${where}: 1 <= reports < floor`);
      break;
    case 'SUPPRESSION_REASON_NO_DATA':
      assert.equal(n, 0, `${where}: NO_DATA has no sample`);
      break;
    default:
      break;
  }
  assert.equal(q.confidence, 'CONFIDENCE_LEVEL_UNSPECIFIED', `${where}: withheld -> no confidence`);
  return false;
}

function assertNonDecreasing(values, where) {
  for (let i = 1; i < values.length; i++) {
    assert.ok(values[i - 1] <= values[i], `${where}: ${values[i - 1]} > ${values[i]} at ${i}`);
  }
}

function assertClose(actual, expected, where, tolerance = 1e-9) {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${where}: ${actual} != ${expected}`);
}

const toNumber = (money) => Number(nanos(money)) / 1e9;

// A distribution's percentiles come in request order, with values that grow
// with the percentile, between min and max; p0 = min, p100 = max.
function checkDistribution(d, quality, requested, floor, where) {
  assert.deepEqual(d.percentiles.map((p) => p.percentile), requested, `${where}: percentiles in request order`);
  const shown = checkQuality(quality, floor, where);
  assert.equal(d.count, quality.sample_size, `${where}: count = sample size`);
  if (!shown) {
    for (const p of d.percentiles) assert.equal(p.value, null, `${where}: withheld percentile ${p.percentile}`);
    assert.equal(d.mean, null);
    assert.equal(d.min, null);
    assert.equal(d.max, null);
    return false;
  }
  const min = nanos(d.min);
  const max = nanos(d.max);
  assert.ok(min <= nanos(d.mean) && nanos(d.mean) <= max, `${where}: min <= mean <= max`);
  const byPercentile = [...d.percentiles].sort((a, b) => a.percentile - b.percentile);
  const values = byPercentile.map((p) => nanos(p.value));
  assertNonDecreasing(values, `${where}: percentiles monotone`);
  for (const p of d.percentiles) {
    const v = nanos(p.value);
    assert.ok(min <= v && v <= max, `${where}: p${p.percentile} within [min, max]`);
    if (p.percentile === 0) assert.equal(v, min, `${where}: p0 = min`);
    if (p.percentile === 100) assert.equal(v, max, `${where}: p100 = max`);
  }
  return true;
}

// ---------------------------------------------------------------------------
// ListRoles / GetRole
// ---------------------------------------------------------------------------

let allRoles; // every role, from one big page

test('ListRoles: one page holds every role, ordered by slug', async () => {
  const page = await agree('ListRoles', { page_size: 500 });
  allRoles = page.roles;
  assert.ok(allRoles.length >= 4, `seeded roles listed (${allRoles.length})`);
  assert.equal(page.total_size, allRoles.length);
  assert.equal(page.next_page_token, '');
  for (let i = 1; i < allRoles.length; i++) {
    assert.ok(allRoles[i - 1].slug < allRoles[i].slug, `ordered by slug at ${i}`);
  }
  for (const r of allRoles) {
    assert.match(r.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(r.title.length > 0);
    assert.ok(!r.aliases.includes(r.slug), `${r.slug}: aliases exclude the slug`);
  }
  // Default page size is 50.
  const first = await agree('ListRoles', {});
  assert.equal(first.roles.length, Math.min(50, allRoles.length));
});

test('ListRoles: paging with page_token walks every role exactly once', async () => {
  const pageSize = Math.max(2, Math.ceil(allRoles.length / 4));
  const seen = [];
  let token = '';
  let pages = 0;
  do {
    const page = await agree('ListRoles', { page_size: pageSize, page_token: token });
    pages++;
    assert.ok(page.roles.length <= pageSize && page.roles.length > 0, `page ${pages} size`);
    assert.equal(page.total_size, allRoles.length, 'total_size on every page');
    seen.push(...page.roles);
    token = page.next_page_token;
    assert.ok(pages <= allRoles.length, 'paging terminates');
  } while (token);
  assert.ok(pages >= 3, `several pages (${pages})`);
  assert.deepEqual(seen, allRoles, 'the pages together are the full listing');
});

test('ListRoles: family filter, and a token reused with another family', async () => {
  const family = allRoles[0].family;
  assert.ok(family, 'the first role has a family');
  const expected = allRoles.filter((r) => r.family === family);
  const page = await agree('ListRoles', { family: family.toUpperCase(), page_size: 1 });
  assert.equal(page.total_size, expected.length);
  assert.deepEqual(page.roles, expected.slice(0, 1));
  assert.ok(expected.length < 2 || page.next_page_token, 'a token for the next page');
  if (page.next_page_token) {
    const { details, cppJson } = await bothFail('ListRoles',
      { page_size: 1, page_token: page.next_page_token }, Code.INVALID_ARGUMENT);
    assert.equal(details['google.rpc.ErrorInfo'].reason, 'INVALID_PAGE_TOKEN');
    assert.equal(details['google.rpc.BadRequest'].field_violations[0].field, 'page_token');
    assert.equal(cppDetail(cppJson, 'google.rpc.BadRequest').field_violations[0].field, 'page_token');
  }
  const none = await agree('ListRoles', { family: 'no-such-family' });
  assert.equal(none.roles.length, 0);
  assert.equal(none.total_size, 0);
});

test('GetRole: every listed role, by slug and by alias', async () => {
  for (const role of allRoles) {
    const answer = await agree('GetRole', { role: role.slug });
    assert.deepEqual(answer.role, role, `${role.slug}: same as in ListRoles`);
  }
  const withAlias = allRoles.filter((r) => r.aliases.length);
  assert.ok(withAlias.length > 0, 'some role has an alias');
  for (const role of withAlias.slice(0, 3)) {
    const answer = await agree('GetRole', { role: role.aliases[0].toUpperCase() });
    assert.equal(answer.role.slug, role.slug, `alias ${role.aliases[0]} resolves case-insensitively`);
  }
});

// ---------------------------------------------------------------------------
// GetSalaryDistribution
// ---------------------------------------------------------------------------

test('GetSalaryDistribution: default percentiles', async () => {
  const answer = await agree('GetSalaryDistribution', { role: 'ai-engineer', filter: pinned() });
  assert.equal(answer.role.slug, 'ai-engineer');
  const floor = answer.metadata.privacy_floor;
  assert.ok(floor >= 1);
  assert.ok(checkDistribution(answer.distribution, answer.quality, [10, 25, 50, 75, 90], floor, 'default'),
    'ai-engineer has a distribution');
  assert.ok(Number(answer.distribution.count) > 0);
  assert.ok(answer.quality.posting_count > 0 && answer.quality.report_count > 0, 'both sources by default');
  assert.ok(assertAllMoneyUsd(answer) >= 8);
  assert.match(answer.explanation, /USD/);
});

test('GetSalaryDistribution: requested percentiles, in order, duplicates kept', async () => {
  const requested = [90, 0, 50, 50, 100, 12.5, 99.9];
  const answer = await agree('GetSalaryDistribution',
    { role: 'software-engineer', filter: pinned(), percentiles: requested });
  const d = answer.distribution;
  assert.ok(checkDistribution(d, answer.quality, requested, answer.metadata.privacy_floor, 'custom'));
  assert.deepEqual(d.percentiles[2].value, d.percentiles[3].value, 'duplicate percentiles agree');
  // D4 on the returned order statistics: p100 - p0 spans the whole range.
  assert.ok(nanos(d.percentiles[4].value) - nanos(d.percentiles[1].value) > 0n, 'a spread of pay');
});

test('GetSalaryDistribution: filters narrow the sample consistently', async () => {
  const base = await agree('GetSalaryDistribution', { role: 'ml-engineer', filter: pinned() });
  const all = Number(base.quality.sample_size);
  const floor = base.metadata.privacy_floor;
  const filters = {
    postings: { data_source: 'DATA_SOURCE_POSTINGS' },
    reports: { data_source: 'DATA_SOURCE_REPORTS' },
    base: { pay_component: 'PAY_COMPONENT_BASE' },
    senior: { seniority_levels: ['SENIORITY_LEVEL_SENIOR', 'SENIORITY_LEVEL_STAFF'] },
    metros: { metros: ['san francisco', 'NEW YORK'] },
    onsite: { remote: 'REMOTE_FILTER_ON_SITE_ONLY' },
    remote: { remote: 'REMOTE_FILTER_REMOTE_ONLY' },
  };
  const n = {};
  for (const [name, filter] of Object.entries(filters)) {
    const answer = await agree('GetSalaryDistribution',
      { role: 'ml-engineer', filter: pinned(filter), percentiles: [25, 50, 75] });
    checkDistribution(answer.distribution, answer.quality, [25, 50, 75], floor, name);
    n[name] = answer.quality;
    assert.ok(Number(answer.quality.sample_size) <= all, `${name}: a filter never adds records`);
  }
  assert.equal(Number(n.postings.report_count), 0, 'postings only');
  assert.equal(Number(n.reports.posting_count), 0, 'reports only');
  assert.equal(Number(n.postings.sample_size) + Number(n.reports.sample_size), all,
    'postings + reports = both sources');
  assert.equal(Number(n.onsite.sample_size) + Number(n.remote.sample_size), all,
    'remote + on-site = all');
  assert.ok(Number(n.metros.sample_size) > 0, 'metro names match case-insensitively');
  assert.ok(Number(n.senior.sample_size) > 0 && Number(n.senior.sample_size) < all);
});

test('GetSalaryDistribution: withheld statistics (privacy floor, no data)', async () => {
  // No record is in EUR: NO_DATA, every Money unset, percentiles listed.
  const eur = await agree('GetSalaryDistribution',
    { role: 'ai-engineer', filter: pinned({ currency: 'EUR' }), percentiles: [50] });
  assert.equal(eur.quality.suppression_reason, 'SUPPRESSION_REASON_NO_DATA');
  checkDistribution(eur.distribution, eur.quality, [50], eur.metadata.privacy_floor, 'EUR');
  assert.equal(assertAllMoneyUsd(eur), 0);

  // Find a narrow cell with a few reports: it must be withheld, not shown.
  const top = await agree('CompareRoles',
    { roles: ['ai-engineer', 'data-scientist'], filter: pinned(), top_n: 4 });
  let withheld = null;
  for (const role of ['ai-engineer', 'data-scientist']) {
    const metros = top.roles.find((r) => r.role.slug === role).top_metros.map((m) => m.metro);
    for (const level of LEVELS.slice().reverse()) {
      for (const metro of metros) {
        const answer = await agree('GetSalaryDistribution', {
          role, filter: pinned({ seniority_levels: [level], metros: [metro] }),
        });
        checkDistribution(answer.distribution, answer.quality, [10, 25, 50, 75, 90],
          answer.metadata.privacy_floor, `${role} ${level} ${metro}`);
        if (answer.quality.suppression_reason === 'SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR') {
          withheld = answer;
          break;
        }
      }
      if (withheld) break;
    }
    if (withheld) break;
  }
  assert.ok(withheld, 'some (level, metro) cell falls below the privacy floor');
  assert.equal(assertAllMoneyUsd(withheld), 0, 'no Money in a withheld answer');
  assert.ok(withheld.quality.note.length > 0, 'a note explains the withholding');
});

// ---------------------------------------------------------------------------
// CompareRoles
// ---------------------------------------------------------------------------

// The value of `metric` for one RoleComparison, or undefined when it has
// none (withheld pay, no open postings).
function metricValue(metric, rc) {
  const payShown = rc.pay.quality.suppression_reason === 'SUPPRESSION_REASON_UNSPECIFIED';
  const demandShown = rc.demand_quality.suppression_reason === 'SUPPRESSION_REASON_UNSPECIFIED';
  switch (metric) {
    case 'VERDICT_METRIC_MEDIAN_PAY': return payShown ? { money: rc.pay.median } : undefined;
    case 'VERDICT_METRIC_MEAN_PAY': return payShown ? { money: rc.pay.mean } : undefined;
    case 'VERDICT_METRIC_P75_PAY': return payShown ? { money: rc.pay.p75 } : undefined;
    case 'VERDICT_METRIC_OPEN_POSITIONS': return demandShown ? { count: rc.open_positions } : undefined;
    case 'VERDICT_METRIC_REMOTE_SHARE': return demandShown ? { fraction: rc.remote_share } : undefined;
    case 'VERDICT_METRIC_ENTRY_LEVEL_SHARE':
      return demandShown
        ? { fraction: rc.experience_mix.find((s) => s.seniority_level === 'SENIORITY_LEVEL_ENTRY').posting_share }
        : undefined;
    default: throw new Error(`unknown metric ${metric}`);
  }
}

const metricNumber = (v) => (v.money ? Number(nanos(v.money)) : v.count !== null && v.count !== undefined
  ? Number(v.count) : v.fraction);

function checkVerdicts(answer) {
  const metrics = Object.keys(root.lookupEnum('compdata.v1.VerdictMetric').values)
    .filter((m) => m !== 'VERDICT_METRIC_UNSPECIFIED');
  assert.deepEqual(answer.verdicts.map((v) => v.metric), metrics, 'one verdict per metric, enum order');
  for (const v of answer.verdicts) {
    const values = answer.roles
      .map((rc) => ({ slug: rc.role.slug, title: rc.role.title, value: metricValue(v.metric, rc) }))
      .filter((x) => x.value !== undefined);
    if (values.length < 2) {
      assert.equal(v.outcome, 'VERDICT_OUTCOME_INSUFFICIENT_DATA', v.metric);
      continue;
    }
    // Leader: highest value, ties to the earlier role; runner-up: second.
    const ranked = values.slice().sort((a, b) => metricNumber(b.value) - metricNumber(a.value));
    const [lead, other] = ranked;
    assert.equal(v.leading_role, lead.slug, `${v.metric}: leader`);
    assert.equal(v.other_role, other.slug, `${v.metric}: runner-up`);
    // The verdict's figures are the table's figures.
    assert.deepEqual(pj.message('compdata.v1.MetricValue', v.leading_value),
      pj.message('compdata.v1.MetricValue', lead.value), `${v.metric}: leading value`);
    assert.deepEqual(pj.message('compdata.v1.MetricValue', v.other_value),
      pj.message('compdata.v1.MetricValue', other.value), `${v.metric}: other value`);
    const a = metricNumber(lead.value);
    const b = metricNumber(other.value);
    const diff = metricNumber(v.absolute_difference);
    if (v.leading_value.money) {
      assert.equal(nanos(v.absolute_difference.money),
        nanos(v.leading_value.money) - nanos(v.other_value.money), `${v.metric}: exact difference`);
    } else {
      assertClose(diff, a - b, `${v.metric}: absolute difference`, 1e-12);
    }
    let d;
    if (b !== 0) {
      assert.notEqual(v.relative_difference, undefined, `${v.metric}: relative difference set`);
      assertClose(v.relative_difference, (a - b) / b, `${v.metric}: relative difference`);
    }
    const share = v.metric.endsWith('_SHARE');
    if (share) d = diff;
    else d = v.relative_difference;
    if (d !== undefined) {
      const [low, high] = share ? [0.02, 0.05] : [0.03, 0.10];
      const expected = d < low ? 'VERDICT_OUTCOME_NEARLY_EQUAL'
        : d < high ? 'VERDICT_OUTCOME_SLIGHT_LEAD' : 'VERDICT_OUTCOME_CLEAR_LEAD';
      assert.equal(v.outcome, expected, `${v.metric}: outcome for d=${d}`);
    }
    assert.ok(v.sentence.startsWith(lead.title), `${v.metric}: the sentence names the leader: ${v.sentence}`);
  }
}

function checkComparison(answer, roles, topN, floor) {
  assert.deepEqual(answer.roles.map((r) => r.role.slug), roles, 'request order');
  assert.equal(answer.skill_overlaps.length, roles.length * (roles.length - 1) / 2, 'one overlap per pair');
  const total = Number(answer.total_tracked_postings);
  assert.ok(total > 0, 'tracked postings');
  for (const rc of answer.roles) {
    const where = rc.role.slug;
    const pay = rc.pay;
    if (checkQuality(pay.quality, floor, `${where} pay`)) {
      assert.ok(nanos(pay.average_range.low) <= nanos(pay.median), `${where}: p25 <= median`);
      assert.ok(nanos(pay.median) <= nanos(pay.p75), `${where}: median <= p75`);
      assert.deepEqual(pay.average_range.high, pay.p75, `${where}: average_range.high = p75`);
    }
    assert.deepEqual(rc.pay_by_level.map((l) => l.seniority_level), LEVELS, `${where}: levels`);
    for (const l of rc.pay_by_level) {
      assert.equal(checkQuality(l.quality, floor, `${where} ${l.seniority_level}`), l.median !== null);
    }
    const open = Number(rc.open_positions);
    assert.equal(Number(rc.demand_quality.sample_size), open, `${where}: demand sample = open positions`);
    assert.ok(open <= total, `${where}: open <= tracked`);
    assertClose(rc.open_positions_share, open / total, `${where}: open positions share`);
    assert.ok(rc.remote_share >= 0 && rc.remote_share <= 1);
    assert.deepEqual(rc.experience_mix.map((s) => s.seniority_level), LEVELS, `${where}: mix levels`);
    const stated = rc.experience_mix.reduce((s, x) => s + Number(x.posting_count), 0);
    assert.ok(stated <= open, `${where}: postings stating a level <= open`);
    if (stated > 0) {
      for (const s of rc.experience_mix) {
        assertClose(s.posting_share, Number(s.posting_count) / stated, `${where}: ${s.seniority_level} share`);
      }
    }
    for (const [list, key] of [[rc.top_companies, 'company'], [rc.top_metros, 'metro'],
      [rc.top_skills, 'skill']]) {
      assert.ok(list.length <= topN, `${where}: top ${key}s <= top_n`);
      for (let i = 0; i < list.length; i++) {
        assertClose(list[i].posting_share, Number(list[i].posting_count) / open, `${where}: ${key} share`);
        if (i === 0) continue;
        const [p, c] = [list[i - 1], list[i]];
        const name = (x) => (key === 'skill' ? x.skill.slug : x[key]);
        assert.ok(Number(p.posting_count) > Number(c.posting_count) ||
          (p.posting_count === c.posting_count && name(p) < name(c)), `${where}: ${key} order at ${i}`);
      }
    }
  }
  checkVerdicts(answer);
}

let comparePair; // CompareRoles answer for ml-engineer vs data-scientist, top_n 8

test('CompareRoles: two roles, every figure consistent with the others', async () => {
  const roles = ['ml-engineer', 'data-scientist'];
  const answer = await agree('CompareRoles', { roles, filter: pinned() });
  checkComparison(answer, roles, 8, answer.metadata.privacy_floor);
  assert.ok(answer.roles.every((rc) => Number(rc.open_positions) > 0), 'both roles have open postings');
  assert.ok(answer.roles.every((rc) => rc.top_skills.length === 8), 'default top_n = 8');
  assert.ok(assertAllMoneyUsd(answer) > 20);
  comparePair = answer;

  // The headline pay is the distribution's: median = p50, p75 = p75.
  for (const rc of answer.roles) {
    const dist = await agree('GetSalaryDistribution',
      { role: rc.role.slug, filter: pinned(), percentiles: [25, 50, 75] });
    const [p25, p50, p75] = dist.distribution.percentiles.map((p) => p.value);
    assert.deepEqual(rc.pay.average_range.low, p25, `${rc.role.slug}: p25 as GetSalaryDistribution`);
    assert.deepEqual(rc.pay.median, p50, `${rc.role.slug}: median as GetSalaryDistribution`);
    assert.deepEqual(rc.pay.p75, p75, `${rc.role.slug}: p75 as GetSalaryDistribution`);
    assert.deepEqual(rc.pay.mean, dist.distribution.mean, `${rc.role.slug}: mean`);
    const senior = await agree('GetSalaryDistribution', {
      role: rc.role.slug, filter: pinned({ seniority_levels: ['SENIORITY_LEVEL_SENIOR'] }), percentiles: [50],
    });
    const level = rc.pay_by_level.find((l) => l.seniority_level === 'SENIORITY_LEVEL_SENIOR');
    assert.deepEqual(level.median, senior.distribution.percentiles[0].value,
      `${rc.role.slug}: senior median as GetSalaryDistribution`);
  }
});

test('CompareRoles: aliases, extra percentiles, tracked family, top_n', async () => {
  const ml = allRoles.find((r) => r.slug === 'ml-engineer');
  assert.ok(ml && ml.aliases.length, 'ml-engineer has an alias');
  const request = {
    roles: ['ai-engineer', ml.aliases[0].toLowerCase(), 'software-engineer'],
    filter: pinned(),
    top_n: 3,
    percentiles: [10, 90],
    tracked_family: 'ai',
  };
  const answer = await agree('CompareRoles', request);
  checkComparison(answer, ['ai-engineer', 'ml-engineer', 'software-engineer'], 3,
    answer.metadata.privacy_floor);
  for (const rc of answer.roles) {
    assert.deepEqual(rc.pay.percentiles.map((p) => p.percentile), [10, 90]);
    assert.ok(nanos(rc.pay.percentiles[0].value) <= nanos(rc.pay.median) &&
      nanos(rc.pay.median) <= nanos(rc.pay.percentiles[1].value), `${rc.role.slug}: p10 <= median <= p90`);
  }
  const everything = await agree('CompareRoles', { ...request, tracked_family: '' });
  assert.ok(Number(answer.total_tracked_postings) < Number(everything.total_tracked_postings),
    'the ai family tracks fewer postings than all roles');
  assert.deepEqual(answer.roles.map((r) => r.open_positions), everything.roles.map((r) => r.open_positions));
});

// ---------------------------------------------------------------------------
// GetSkillOverlap
// ---------------------------------------------------------------------------

function checkOverlap(o, topN) {
  assert.equal(o.top_n, topN);
  assert.equal(o.role_skills.length, 2);
  const [a, b] = o.role_skills.map((rs) => rs.top_skills.map((s) => s.skill.slug));
  const shared = a.filter((s) => b.includes(s));
  assert.deepEqual(o.shared_skills.map((s) => s.slug).sort(), shared.slice().sort(), 'shared = A ∩ B');
  const names = o.shared_skills.map((s) => s.display_name);
  assert.deepEqual(names, names.slice().sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), 'shared by display name');
  assert.equal(o.overlap_count, shared.length);
  const union = new Set([...a, ...b]).size;
  assertClose(o.overlap_share, union ? shared.length / Math.max(a.length, b.length) : 0, 'overlap share');
  assertClose(o.jaccard_index, union ? shared.length / union : 0, 'Jaccard');
  for (const [i, rs] of o.role_skills.entries()) {
    const other = i === 0 ? b : a;
    assert.ok(rs.top_skills.length <= topN);
    assert.deepEqual(rs.unique_skills.map((s) => s.slug),
      rs.top_skills.map((s) => s.skill.slug).filter((s) => !other.includes(s)), 'unique skills');
    assert.equal(Number(rs.quality.sample_size), Number(rs.quality.posting_count), 'postings only');
  }
  const s = o.overlap_share;
  const expected = !a.length || !b.length ? 'SWITCHING_FEASIBILITY_UNSPECIFIED'
    : s >= 0.75 ? 'SWITCHING_FEASIBILITY_EASY'
      : s >= 0.5 ? 'SWITCHING_FEASIBILITY_FEASIBLE_WITH_UPSKILLING'
        : s >= 0.25 ? 'SWITCHING_FEASIBILITY_CHALLENGING' : 'SWITCHING_FEASIBILITY_DIFFICULT';
  assert.equal(o.feasibility, expected, `feasibility for ${s}`);
}

test('GetSkillOverlap: overlap, Jaccard and feasibility; same as in CompareRoles', async () => {
  const answer = await agree('GetSkillOverlap',
    { roles: ['ml-engineer', 'data-scientist'], filter: pinned() });
  checkOverlap(answer.overlap, 8);
  assert.ok(answer.overlap.overlap_count > 0, 'ML engineers and data scientists share skills');
  assert.deepEqual(answer.overlap, comparePair.skill_overlaps[0], 'CompareRoles shows the same overlap');

  const wide = await agree('GetSkillOverlap',
    { roles: ['ai-engineer', 'Software Developer'], filter: pinned(), top_n: 20 });
  checkOverlap(wide.overlap, 20);
  assert.deepEqual(wide.overlap.role_skills.map((rs) => rs.role.slug), ['ai-engineer', 'software-engineer']);

  const { details } = await bothFail('GetSkillOverlap',
    { roles: ['ai-engineer', 'ml-engineer', 'data-scientist'] }, Code.INVALID_ARGUMENT);
  assert.equal(details['google.rpc.BadRequest'].field_violations[0].field, 'roles');
});

// ---------------------------------------------------------------------------
// GetSkillPremiums
// ---------------------------------------------------------------------------

function checkPremiums(answer) {
  const computed = answer.premiums.filter((p) => p.quality.suppression_reason === 'SUPPRESSION_REASON_UNSPECIFIED');
  const withheld = answer.premiums.filter((p) => p.quality.suppression_reason !== 'SUPPRESSION_REASON_UNSPECIFIED');
  assert.deepEqual(answer.premiums, [...computed, ...withheld], 'computed first, then withheld');
  assertNonDecreasing(computed.map((p) => -p.premium_fraction), 'computed by descending premium');
  const slugs = withheld.map((p) => p.skill.slug);
  assert.deepEqual(slugs, slugs.slice().sort(), 'withheld by slug');
  for (const p of answer.premiums) {
    const where = p.skill.slug;
    assert.equal(Number(p.quality.sample_size), Number(p.sample_size_with) + Number(p.sample_size_without),
      `${where}: sample = with + without`);
    assert.equal(Number(p.quality.report_count), 0, `${where}: postings only`);
    assert.ok(p.posting_share >= 0 && p.posting_share <= 1);
  }
  for (const p of computed) {
    const where = p.skill.slug;
    assert.equal(nanos(p.premium), nanos(p.median_with) - nanos(p.median_without), `${where}: premium`);
    assertClose(p.premium_fraction, toNumber(p.premium) / toNumber(p.median_without), `${where}: fraction`);
    const iv = p.interval;
    assert.ok(nanos(iv.low) <= nanos(iv.high), `${where}: interval ordered`);
    assert.equal(iv.confidence_level, 0.95);
    assert.notEqual(iv.method, 'INTERVAL_METHOD_UNSPECIFIED');
    assertClose(iv.low_fraction, toNumber(iv.low) / toNumber(p.median_without), `${where}: low fraction`);
    assertClose(iv.high_fraction, toNumber(iv.high) / toNumber(p.median_without), `${where}: high fraction`);
    const n = Math.min(Number(p.sample_size_with), Number(p.sample_size_without));
    assert.equal(p.quality.confidence, expectedConfidence(n), `${where}: confidence of min(with, without)`);
    const f = p.premium_fraction;
    const expected = nanos(iv.high) < 0n ? 'SKILL_IMPACT_NEGATIVE'
      : nanos(iv.low) > 0n && f >= 0.10 ? 'SKILL_IMPACT_HIGH'
        : nanos(iv.low) > 0n && f >= 0.03 ? 'SKILL_IMPACT_MEDIUM' : 'SKILL_IMPACT_LOW';
    assert.equal(p.impact, expected, `${where}: impact`);
  }
  for (const p of withheld) {
    const where = p.skill.slug;
    assert.equal(p.impact, 'SKILL_IMPACT_UNSPECIFIED', `${where}: withheld impact`);
    assert.equal(p.premium_fraction, 0);
    for (const k of ['median_with', 'median_without', 'premium']) assert.equal(p[k], null, `${where}: ${k}`);
    assert.equal(allMoney(p).length, 0, `${where}: no Money when withheld`);
  }
  return { computed, withheld };
}

test('GetSkillPremiums: top skills of a role', async () => {
  const answer = await agree('GetSkillPremiums', { role: 'ai-engineer', filter: pinned() });
  assert.equal(answer.role.slug, 'ai-engineer');
  const { computed } = checkPremiums(answer);
  assert.ok(computed.length > 0, 'some premium computed');
  assert.ok(answer.premiums.length <= 20, 'default top_n 20');
  for (const p of answer.premiums) assert.ok(p.skill.display_name.length > 0);
});

test('GetSkillPremiums: chosen skills by alias, min_sample_size', async () => {
  const skills = comparePair.roles[0].top_skills.slice(0, 3).map((s) => s.skill.slug);
  const request = {
    role: 'ml-engineer',
    filter: pinned({ data_source: 'DATA_SOURCE_POSTINGS' }),
    skills: [...skills.slice(0, 2).map((s) => s.toUpperCase()), skills[2]],
    min_sample_size: 5,
  };
  const answer = await agree('GetSkillPremiums', request);
  checkPremiums(answer);
  assert.deepEqual(answer.premiums.map((p) => p.skill.slug).sort(), skills.slice().sort(),
    'one entry per requested skill');
  for (const p of answer.premiums) {
    if (p.quality.suppression_reason === 'SUPPRESSION_REASON_BELOW_MIN_SAMPLE') {
      assert.ok(Number(p.sample_size_with) < 5 || Number(p.sample_size_without) < 5);
    } else {
      assert.ok(Number(p.sample_size_with) >= 5 && Number(p.sample_size_without) >= 5);
    }
  }
  const { details } = await bothFail('GetSkillPremiums',
    { role: 'ml-engineer', filter: pinned({ data_source: 'DATA_SOURCE_REPORTS' }) }, Code.INVALID_ARGUMENT);
  assert.equal(details['google.rpc.BadRequest'].field_violations[0].field, 'filter.data_source');
});

// ---------------------------------------------------------------------------
// GetCareerPath
// ---------------------------------------------------------------------------

function checkCareer(answer, slug, floor) {
  assert.equal(answer.role.slug, slug);
  const ordinals = answer.levels.map((l) => l.level.level);
  assertNonDecreasing(ordinals, 'ladder ascending');
  assert.equal(new Set(ordinals).size, ordinals.length, 'distinct rungs');
  answer.levels.forEach((l, i) => {
    assert.equal(l.level.role, slug);
    const shown = l.quality && checkQuality(l.quality, floor, `rung ${l.level.level}`);
    assert.equal(l.median !== null, Boolean(shown) && l.level.seniority !== 'SENIORITY_LEVEL_UNSPECIFIED');
    const prev = answer.levels[i - 1];
    if (i > 0 && prev.median && l.median) {
      assert.equal(nanos(l.pay_change), nanos(l.median) - nanos(prev.median), `rung ${i}: pay change`);
      assertClose(l.pay_change_fraction, toNumber(l.pay_change) / toNumber(prev.median), `rung ${i}: fraction`);
    } else {
      assert.equal(l.pay_change, null, `rung ${i}: no pay change`);
      assert.equal(l.pay_change_fraction, undefined);
    }
  });
  for (const [list, end] of [[answer.outgoing_transitions, 'from_role'], [answer.incoming_transitions, 'to_role']]) {
    assertNonDecreasing(list.map((t) => -t.weight), `${end}: by descending weight`);
    for (const t of list) {
      assert.equal(t[end].slug, slug);
      assert.ok(t.weight > 0 && t.weight <= 1);
      assert.notEqual(t.kind, 'TRANSITION_KIND_UNSPECIFIED');
      if (t.from_median && t.to_median) {
        assert.equal(nanos(t.pay_change), nanos(t.to_median) - nanos(t.from_median));
        assertClose(t.pay_change_fraction, toNumber(t.pay_change) / toNumber(t.from_median), 'move fraction');
      } else {
        assert.equal(t.pay_change, null);
      }
    }
  }
}

test('GetCareerPath: ladder with pay per rung, moves in and out', async () => {
  for (const slug of ['ml-engineer', 'data-scientist', 'ai-engineer']) {
    const answer = await agree('GetCareerPath', { role: slug, filter: pinned() });
    checkCareer(answer, slug, answer.metadata.privacy_floor);
    assert.ok(answer.levels.length >= 2, `${slug}: a ladder`);
    assert.ok(answer.outgoing_transitions.length > 0, `${slug}: moves out`);
    // A rung's pay is the role's median at that seniority.
    const compare = await agree('CompareRoles',
      { roles: [slug, slug === 'ai-engineer' ? 'ml-engineer' : 'ai-engineer'], filter: pinned() });
    for (const l of answer.levels.filter((x) => x.median)) {
      const level = compare.roles[0].pay_by_level.find((p) => p.seniority_level === l.level.seniority);
      assert.deepEqual(l.median, level.median, `${slug} rung ${l.level.level}: median as CompareRoles`);
    }
  }
  const ds = await agree('GetCareerPath', { role: 'data-scientist', filter: pinned(), max_transitions: 1 });
  assert.ok(ds.outgoing_transitions.length <= 1 && ds.incoming_transitions.length <= 1, 'max_transitions');
  assert.ok(ds.incoming_transitions.length === 1, 'data scientists come from somewhere');

  const { details } = await bothFail('GetCareerPath',
    { role: 'ml-engineer', filter: pinned({ seniority_levels: ['SENIORITY_LEVEL_MID'] }) }, Code.INVALID_ARGUMENT);
  assert.equal(details['google.rpc.BadRequest'].field_violations[0].field, 'filter.seniority_levels');
});

// ---------------------------------------------------------------------------
// GetSalaryTrend
// ---------------------------------------------------------------------------

// The 12 months ending with the month of COMPDATA_AS_OF.
function trendMonths() {
  const asOf = new Date(Date.parse(COMPDATA_AS_OF));
  const end = { year: asOf.getUTCFullYear(), month: asOf.getUTCMonth() + 1 };
  const startIndex = end.year * 12 + end.month - 1 - 11;
  const start = { year: Math.floor(startIndex / 12), month: (startIndex % 12) + 1 };
  return { start, end };
}

test('GetSalaryTrend: twelve monthly points', async () => {
  const { start, end } = trendMonths();
  const answer = await agree('GetSalaryTrend',
    { role: 'ai-engineer', start_month: start, end_month: end });
  const floor = answer.metadata.privacy_floor;
  assert.equal(answer.points.length, 12);
  answer.points.forEach((p, i) => {
    const index = start.year * 12 + start.month - 1 + i;
    assert.deepEqual({ year: p.month.year, month: p.month.month, day: p.month.day },
      { year: Math.floor(index / 12), month: (index % 12) + 1, day: 0 }, `point ${i}: month`);
    assert.equal(p.count, p.quality.sample_size);
    if (checkQuality(p.quality, floor, `month ${i}`)) {
      assert.ok(nanos(p.p25) <= nanos(p.median) && nanos(p.median) <= nanos(p.p75), `month ${i}: p25 <= p50 <= p75`);
    } else {
      assert.equal(p.median, null);
    }
  });
  const valued = answer.points.filter((p) => p.median);
  assert.ok(valued.length >= 2, 'several months with a value');
  const change = nanos(valued[valued.length - 1].median) - nanos(valued[0].median);
  assert.equal(nanos(answer.median_change), change, 'median change = last - first');
  assertClose(answer.median_change_fraction, Number(change) / Number(nanos(valued[0].median)), 'change fraction');

  // Filtered: postings only, remote only.
  const filtered = await agree('GetSalaryTrend', {
    role: 'software-engineer', start_month: start, end_month: end,
    filter: { data_source: 'DATA_SOURCE_POSTINGS', seniority_levels: ['SENIORITY_LEVEL_MID'] },
  });
  for (const p of filtered.points) assert.equal(Number(p.quality.report_count), 0);

  const window = await bothFail('GetSalaryTrend',
    { role: 'ai-engineer', filter: pinned(), start_month: start, end_month: end }, Code.INVALID_ARGUMENT);
  assert.equal(window.details['google.rpc.BadRequest'].field_violations[0].field, 'filter.time_window');
  const long = await bothFail('GetSalaryTrend',
    { role: 'ai-engineer', start_month: { year: 2020, month: 1 }, end_month: { year: 2025, month: 1 } },
    Code.INVALID_ARGUMENT);
  assert.equal(long.details['google.rpc.BadRequest'].field_violations[0].field, 'end_month');
});

// ---------------------------------------------------------------------------
// Errors and deadlines
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// The example program
// ---------------------------------------------------------------------------

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

test('every answer came from one data version', () => {
  assert.equal(dataVersions.size, 1, [...dataVersions].join(', '));
});
