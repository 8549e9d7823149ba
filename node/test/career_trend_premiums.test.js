'use strict';
// GetSkillPremiums, GetCareerPath and GetSalaryTrend against a live server,
// every answer compared with the C++ client's (see support.js): premiums
// and their intervals, a role's ladder and moves, twelve monthly points.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const {
  Code, COMPDATA_AS_OF, pinned, agree, bothFail, testOneDataVersion,
  nanos, allMoney, expectedConfidence, checkQuality, assertNonDecreasing, assertClose, toNumber,
} = require('./support');

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
  // Three of ml-engineer's top skills, from the comparison compare.test.js checks.
  const comparePair = await agree('CompareRoles', { roles: ['ml-engineer', 'data-scientist'], filter: pinned() });
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

testOneDataVersion();
