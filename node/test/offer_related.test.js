'use strict';
// EvaluateOffer and GetRelatedRoles against a live server, every answer
// compared with the C++ client's (see support.js): an offer placed among
// the market's percentiles (the same figures GetSalaryDistribution shows),
// bad offers refused naming their field, related roles scored from their
// skill overlap and moves.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const {
  Code, pinned, agree, bothFail, testOneDataVersion, nanos, checkQuality, assertClose, toNumber,
} = require('./support');

const usd = (units) => ({ currency_code: 'USD', units: String(units), nanos: 0 });
const offerRequest = (offer, extra = {}) => ({
  role: 'ml-engineer',
  time_window: pinned().time_window,
  offer,
  ...extra,
});

test('EvaluateOffer: placed in the distribution of the same records', async () => {
  const answer = await agree('EvaluateOffer',
    offerRequest({ total: usd(165000) }, { seniority_level: 'SENIORITY_LEVEL_SENIOR' }));
  assert.equal(answer.role.slug, 'ml-engineer');
  assert.equal(nanos(answer.annual_offer), 165000n * 1000000000n);
  assert.equal(answer.compared_component, 'PAY_COMPONENT_TOTAL');
  const floor = answer.metadata.privacy_floor;
  assert.ok(checkQuality(answer.quality, floor, 'offer market'), 'the senior market is shown');
  const same = await agree('GetSalaryDistribution', {
    role: 'ml-engineer', filter: pinned({ seniority_levels: ['SENIORITY_LEVEL_SENIOR'] }),
  });
  assert.deepEqual(answer.quality, same.quality, 'the same sample');
  const p = same.distribution.percentiles.map((x) => x.value);
  assert.deepEqual([answer.p10_to_p90.low, answer.interquartile_range.low, answer.median,
    answer.interquartile_range.high, answer.p10_to_p90.high], p, 'the same percentiles');
  assert.ok(answer.percentile_rank >= 0 && answer.percentile_rank <= 100);
  assert.notEqual(answer.position, 'OFFER_POSITION_UNSPECIFIED');
  assert.equal(nanos(answer.gap_to_median), nanos(answer.annual_offer) - nanos(answer.median));
  assertClose(answer.gap_to_median_fraction, toNumber(answer.gap_to_median) / toNumber(answer.median),
    'gap fraction');
  const rules = {
    RAISE_TO_MEDIAN: [p[2], p[3]],
    REACH_UPPER_QUARTILE: [p[3], p[4]],
  };
  const rule = answer.counter.rule.replace('COUNTER_RULE_', '');
  if (rules[rule]) assert.deepEqual([answer.counter.range.low, answer.counter.range.high], rules[rule]);
  assert.ok(nanos(answer.counter.range.low) <= nanos(answer.counter.range.high));
  assert.ok(answer.counter.explanation.length > 0);
  assert.match(answer.explanation, /Percentile rank/);
});

test('EvaluateOffer: higher offers rank higher; periods annualise', async () => {
  let last = -1;
  for (const units of [50000, 100000, 200000, 400000, 5000000]) {
    const answer = await agree('EvaluateOffer', offerRequest({ total: usd(units) }));
    assert.ok(answer.percentile_rank >= last, `${units}: rank ${answer.percentile_rank} >= ${last}`);
    last = answer.percentile_rank;
  }
  assert.equal(last, 100, 'above every record');
  const hourly = await agree('EvaluateOffer',
    offerRequest({ base: { currency_code: 'USD', units: '52', nanos: 125000000 }, pay_period: 'PAY_PERIOD_HOUR' }));
  assert.equal(nanos(hourly.annual_offer), 108420n * 1000000000n, '52.125 x 2080');
  assert.equal(hourly.compared_component, 'PAY_COMPONENT_BASE');
  const eur = await agree('EvaluateOffer',
    offerRequest({ total: { currency_code: 'EUR', units: '90000', nanos: 0 } }));
  assert.equal(eur.annual_offer.currency_code, 'EUR');
  if (eur.quality.suppression_reason !== 'SUPPRESSION_REASON_UNSPECIFIED') {
    assert.equal(eur.percentile_rank, undefined, 'withheld: no rank');
    assert.equal(eur.median, null);
    assert.equal(eur.position, 'OFFER_POSITION_UNSPECIFIED');
  }
});

test('EvaluateOffer: bad offers are INVALID_ARGUMENT naming the field', async () => {
  const cases = [
    [{ total: usd(0) }, 'offer.total'],
    [{ total: usd(-100) }, 'offer.total'],
    [{ total: { currency_code: 'ABC', units: '100', nanos: 0 } }, 'offer.total.currency_code'],
    [{ base: usd(100), equity_per_year: { currency_code: 'GBP', units: '5', nanos: 0 } },
      'offer.equity_per_year.currency_code'],
    [{ total: usd(1), base: usd(1) }, 'offer.total'],
    [{ bonus: usd(1) }, 'offer.base'],
  ];
  for (const [offer, field] of cases) {
    const { details } = await bothFail('EvaluateOffer', offerRequest(offer), Code.INVALID_ARGUMENT);
    assert.deepEqual(details['google.rpc.BadRequest'].field_violations.map((v) => v.field), [field],
      JSON.stringify(offer));
  }
  const missing = await bothFail('EvaluateOffer', { role: 'ml-engineer' }, Code.INVALID_ARGUMENT);
  assert.equal(missing.details['google.rpc.ErrorInfo'].metadata.field, 'offer');
  const unknown = await bothFail('EvaluateOffer', offerRequest({ total: usd(1) }, { role: 'no-such-role' }),
    Code.NOT_FOUND);
  assert.equal(unknown.details['google.rpc.ErrorInfo'].reason, 'ROLE_NOT_FOUND');
});

test('GetRelatedRoles: scored from the skill overlap and the moves', async () => {
  const answer = await agree('GetRelatedRoles',
    { role: 'software-engineer', filter: pinned(), top_n: 6, max_results: 50 });
  assert.equal(answer.role.slug, 'software-engineer');
  assert.ok(answer.related_roles.length > 0);
  for (let i = 1; i < answer.related_roles.length; i++) {
    const [a, b] = [answer.related_roles[i - 1], answer.related_roles[i]];
    assert.ok(a.relatedness > b.relatedness ||
      (a.relatedness === b.relatedness && a.role.slug < b.role.slug), 'by relatedness, then slug');
  }
  for (const r of answer.related_roles) {
    const pair = await agree('GetSkillOverlap',
      { roles: ['software-engineer', r.role.slug], filter: pinned(), top_n: 6 });
    assert.deepEqual(r.skill_overlap, pair.overlap, `${r.role.slug}: GetSkillOverlap's overlap`);
    const weight = Math.max(r.transition_to ? r.transition_to.weight : 0,
      r.transition_from ? r.transition_from.weight : 0);
    assert.equal(r.relatedness, 0.5 * r.skill_overlap.jaccard_index + 0.5 * weight, r.role.slug);
    const reasons = [];
    if (r.skill_overlap.overlap_count > 0) reasons.push('RELATION_KIND_SKILL_OVERLAP');
    if (r.transition_to) reasons.push('RELATION_KIND_TRANSITION_TO');
    if (r.transition_from) reasons.push('RELATION_KIND_TRANSITION_FROM');
    assert.deepEqual(r.reasons, reasons, r.role.slug);
  }
  const two = await agree('GetRelatedRoles', { role: 'software-engineer', filter: pinned(), top_n: 6, max_results: 2 });
  assert.deepEqual(two.related_roles, answer.related_roles.slice(0, 2));
  const bad = await bothFail('GetRelatedRoles', { role: 'software-engineer', max_results: -3 }, Code.INVALID_ARGUMENT);
  assert.equal(bad.details['google.rpc.BadRequest'].field_violations[0].field, 'max_results');
});

testOneDataVersion();
