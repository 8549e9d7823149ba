'use strict';
// CompareRoles and GetSkillOverlap against a live server, every answer
// compared with the C++ client's (see support.js): every figure of a
// comparison recomputed from the others and from GetSalaryDistribution, the
// verdicts recomputed from the table, the overlap of two roles' skills.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const {
  Code, pj, root, pinned, LEVELS, agree, bothFail, testOneDataVersion,
  nanos, assertAllMoneyUsd, checkQuality, assertClose,
} = require('./support');

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
  // Every role, from one big page, as roles.test.js lists them.
  const { roles: allRoles } = await agree('ListRoles', { page_size: 500 });
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

testOneDataVersion();
