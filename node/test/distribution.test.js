'use strict';
// GetSalaryDistribution against a live server, every answer compared with
// the C++ client's (see support.js): percentiles, filters, withheld
// statistics.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const {
  agree, pinned, LEVELS, nanos, assertAllMoneyUsd, checkDistribution, testOneDataVersion,
} = require('./support');

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
  // Official statistics (published figures, shown beside ours) are not
  // withheld with our own.
  assert.equal(assertAllMoneyUsd({ ...withheld, official_statistics: [] }), 0,
    'no Money of ours in a withheld answer');
  assert.ok(withheld.quality.note.length > 0, 'a note explains the withholding');
});

testOneDataVersion();
