#!/usr/bin/env node
'use strict';
// Compares two roles with CompensationService.CompareRoles and prints a few
// figures of each, then the verdicts.
//
//   COMPDATA_TARGET=127.0.0.1:50051 node example.js [ROLE_A ROLE_B]
//
// Roles default to ai-engineer and software-engineer (slug or alias). When
// $COMPDATA_AS_OF (RFC 3339) is set, demand figures are counted at that time
// instead of now. On failure it prints the status code, the message and the
// fields at fault (from the google.rpc.Status trailer) and exits 1.

const compdata = require('./lib/compdata');

function money(m) {
  if (!m) return 'withheld';
  const cents = compdata.moneyNanos(m) / 10000000n;
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  const units = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = abs % 100n;
  return `${m.currency_code} ${sign}${units}${rest ? '.' + String(rest).padStart(2, '0') : ''}`;
}

const percent = (fraction) => `${(fraction * 100).toFixed(1)}%`;

async function main(argv) {
  const roles = argv.length ? argv : ['ai-engineer', 'software-engineer'];
  if (roles.length < 2) {
    console.error('usage: node example.js [ROLE_A ROLE_B ...]');
    return 2;
  }
  const request = { roles, top_n: 3 };
  if (process.env.COMPDATA_AS_OF) {
    request.filter = { time_window: { end_time: compdata.timestamp(process.env.COMPDATA_AS_OF) } };
  }
  const client = compdata.newClient();
  try {
    const answer = await compdata.call(client, 'CompareRoles', request);
    const titles = answer.roles.map((r) => r.role.title).join(' vs ');
    console.log(`${titles} (data version ${answer.metadata.data_version})`);
    for (const r of answer.roles) {
      const pay = r.pay;
      const q = pay.quality;
      console.log(`${r.role.title} [${r.role.slug}]`);
      console.log(`  median pay     ${money(pay.median)}`);
      if (pay.average_range) {
        console.log(`  average range  ${money(pay.average_range.low)} - ${money(pay.average_range.high)}`);
      }
      console.log(`  sample         ${q.sample_size} (${q.posting_count} postings, ${q.report_count} reports), ` +
                  `confidence ${q.confidence.replace('CONFIDENCE_LEVEL_', '')}`);
      console.log(`  open positions ${r.open_positions} (${percent(r.open_positions_share)} of ` +
                  `${answer.total_tracked_postings} tracked), remote ${percent(r.remote_share)}`);
      if (r.top_skills.length) {
        console.log(`  top skills     ${r.top_skills.map((s) => s.skill.display_name).join(', ')}`);
      }
    }
    for (const o of answer.skill_overlaps) {
      const [a, b] = o.role_skills.map((s) => s.role.title);
      console.log(`skill overlap ${a} / ${b}: ${o.overlap_count} of ${o.top_n} ` +
                  `(${percent(o.overlap_share)}), ${o.feasibility.replace('SWITCHING_FEASIBILITY_', '')}`);
    }
    console.log('verdicts:');
    for (const v of answer.verdicts) console.log(`  ${v.sentence}`);
    return 0;
  } catch (err) {
    const name = Object.keys(compdata.grpc.status).find((k) => compdata.grpc.status[k] === err.code);
    console.error(`error: ${name || err.code}: ${err.details || err.message}`);
    const status = compdata.rpcStatus(err);
    if (status) {
      for (const d of compdata.unpackDetails(status)) {
        if (d.type === 'google.rpc.BadRequest') {
          for (const v of d.message.field_violations) console.error(`  field ${v.field}: ${v.description}`);
        } else if (d.type === 'google.rpc.ErrorInfo') {
          console.error(`  reason ${d.message.reason} (${d.message.domain})`);
        }
      }
    }
    return 1;
  } finally {
    client.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

module.exports = { main, money };
