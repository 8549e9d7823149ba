'use strict';
// ListRoles and GetRole against a live server, every answer compared with
// the C++ client's (see support.js): ordering, paging, the family filter,
// aliases.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Code, agree, bothFail, cppDetail, testOneDataVersion } = require('./support');

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

testOneDataVersion();
