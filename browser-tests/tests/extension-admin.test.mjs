// The two settings pages of the packaged extension (Organization settings → FlowTrack, Project settings →
// FlowTrack) inside the harness that plays Azure DevOps, against the real backend (demo mode for its app-token
// secret; connecting goes to FLOWTRACK_AZDO_BASE_URL) and a stand-in organization (fake-org.mjs): connect with a
// PAT, watch the first sync in progress, map the workflow, disconnect with purge; a non-admin is refused on every
// admin route. Run through run.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_ORG, PAGE_SIZE } from '../fake-org.mjs';
import { BASE, screenshot, useBrowser } from './support.mjs';

const EXTENSION = process.env.FLOWTRACK_EXTENSION_ORIGIN;
const FAKE = process.env.FLOWTRACK_FAKE_ORG;
if (!EXTENSION || !FAKE) {
  throw new Error('FLOWTRACK_EXTENSION_ORIGIN / FLOWTRACK_FAKE_ORG are not set: run the tests through run.mjs');
}
const ORG_ID = ADMIN_ORG.organizationId;
const PROJECT = ADMIN_ORG.projects[0];
const ITEMS = 12; // fake-org.mjs generates 12 items, three revisions each
const LIGHT = { 'background-color': 'rgba(255, 255, 255, 1)', 'text-primary-color': 'rgba(0, 0, 0, .9)' };
const DARK = { 'background-color': 'rgba(30, 30, 30, 1)', 'text-primary-color': 'rgba(255, 255, 255, .9)' };
const MEMBER = 'a1a1a1a1-0000-4000-8000-00000000b0b0';

const browser = useBrowser();

async function signIn() {
  const res = await fetch(`${BASE}/demo/sign-in`, { method: 'POST' });
  assert.equal(res.status, 200);
  return res.json();
}

const control = (what, body = {}) => fetch(`${FAKE}/_control/${what}`, { method: 'POST', body: JSON.stringify(body) })
  .then(r => r.json());

/** One admin call to the backend from outside a browser, with both tokens. */
function api(method, path, appToken, accessToken, body) {
  return fetch(`${BASE}/api/v1/orgs/${ORG_ID}${path}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { Authorization: `Bearer ${appToken}`, 'X-FlowTrack-Access-Token': accessToken,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
  });
}

async function open(kind, session, accessToken, theme = LIGHT) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  page.problems = [];
  page.on('pageerror', e => page.problems.push(e.message));
  await page.addInitScript(setup => { window.__harnessSetup = setup; }, {
    page: kind, contributionId: `flowtrack-${kind}`, appToken: session.appToken, accessToken,
    organizationId: ORG_ID, organizationUrl: `${FAKE}/fabrikam`, project: PROJECT, saved: {}, theme,
    frame: { width: 1280, height: 1400 },
  });
  await page.goto(`${EXTENSION}/harness.html`);
  await page.waitForFunction(() => window.__harness?.loaded === true);
  const frame = page.frames().find(f => f.url().includes(`/ext/dist/${kind}.html`));
  assert.ok(frame, `the ${kind} page is not framed`);
  return { page, frame };
}

const text = (frame, selector) => frame.locator(selector).innerText();

test('an admin connects with a PAT, watches the first sync, maps the workflow and disconnects with purge', async () => {
  const session = await signIn();
  const adminToken = `admin-access-${Date.now()}`;
  await control('user', { accessToken: adminToken, userId: session.userId, admin: true });
  const { revisionPages } = await control('user', { accessToken: adminToken, userId: session.userId, admin: true });
  await control('hold', { page: revisionPages + 2 }); // the second page of the first sync waits for the test

  const { page, frame } = await open('org-settings', session, adminToken);
  await frame.locator('#connection-summary').filter({ hasText: 'Not connected yet' }).waitFor();
  assert.equal(await frame.locator('#org-name').inputValue(), 'fabrikam');
  await frame.locator('#pat').fill(ADMIN_ORG.pat);
  await frame.locator(`#project-${PROJECT.id}`).check(); // listed from the organization with the page's token
  await frame.locator('#connect').click();
  await frame.locator('#connect-status').filter({ hasText: 'Connected.' }).waitFor();
  assert.doesNotMatch(await frame.locator('#pat').inputValue(), /./, 'the PAT stays in the form after connecting');
  const row = frame.locator(`tr[data-project="${PROJECT.id}"]`);
  await row.filter({ hasText: 'Not synced yet' }).waitFor();

  await row.locator('button[data-sync]').click();
  await row.locator('.ft-sync-state').filter({ hasText: /Syncing… \d+ revisions so far/ }).waitFor();
  const during = await row.locator('.ft-sync-state').innerText();
  assert.equal(Number(/(\d+) revisions so far/.exec(during)[1]), PAGE_SIZE, during);
  await screenshot(page, 'extension-org-settings-syncing', page.locator('#extension'));
  await control('release');
  await row.locator('.ft-sync-state').filter({ hasText: 'Up to date' }).waitFor();
  assert.equal(await row.locator('[data-revisions]').getAttribute('data-revisions'), String(ITEMS * 3));
  await page.close();

  // Project settings: the draft from the types' states, one state moved, saved; then a bad value, not saved.
  const project = await open('project-settings', session, adminToken);
  const p = project.frame;
  await p.locator('#workflow-status').filter({ hasText: 'draft' }).waitFor();
  const stageNames = await p.locator('[data-stage-name]').evaluateAll(els => els.map(e => e.value));
  assert.ok(stageNames.length >= 3, stageNames.join());
  const resolved = p.locator('select[data-state="Resolved"]');
  const last = stageNames.at(-1);
  await resolved.selectOption(last);
  await p.locator('#sle-days').fill('12');
  await p.locator('#sle-percentile').fill('85');
  // Blocked work from a tag: the tag's field shows only for that source.
  assert.equal(await p.locator('#blocked-source').inputValue(), 'none');
  assert.equal(await p.locator('#blocked-tag').isVisible(), false);
  await p.locator('#blocked-source').selectOption('tag');
  await p.locator('#blocked-tag').fill('On hold');
  await p.locator('#save-workflow').click();
  await p.locator('#workflow-status').filter({ hasText: 'Saved' }).waitFor();
  await screenshot(project.page, 'extension-project-settings', project.page.locator('#extension'));
  const saved = await (await api('GET', `/projects/${PROJECT.id}/workflow-draft`, session.appToken, adminToken)).json();
  assert.ok(saved.current.stages.find(s => s.name === last).states.includes('Resolved'), JSON.stringify(saved.current));
  assert.equal(saved.current.sleDays, 12);
  assert.deepEqual(saved.current.calendar.workingDays, ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']);
  assert.deepEqual(saved.current.blocked, { source: 'tag', tag: 'On hold' });

  await p.locator('#sle-days').fill('0');
  await p.locator('#save-workflow').click();
  await p.locator('#workflow-status').filter({ hasText: 'Not saved, the previous configuration stays' }).waitFor();
  assert.match(await text(p, '#workflow-status'), /sleDays/);
  const after = await (await api('GET', `/projects/${PROJECT.id}/workflow-draft`, session.appToken, adminToken)).json();
  assert.deepEqual(after.current, saved.current);
  // A tag with ';' (Azure DevOps' tag separator) is refused the same way.
  await p.locator('#sle-days').fill('12');
  await p.locator('#blocked-tag').fill('a;b');
  await p.locator('#save-workflow').click();
  await p.locator('#workflow-status').filter({ hasText: 'blocked.tag' }).waitFor();
  assert.match(await text(p, '#workflow-status'), /Not saved, the previous configuration stays/);
  const kept = await (await api('GET', `/projects/${PROJECT.id}/workflow-draft`, session.appToken, adminToken)).json();
  assert.deepEqual(kept.current, saved.current);
  assert.deepEqual(project.page.problems, []);
  await project.page.close();

  // Disconnect with purge: nothing of the organization is left, not even its audit log.
  const listsBefore = (await control('status')).projectListsByPat;
  const again = await open('org-settings', session, adminToken);
  const f = again.frame;
  await f.locator('#connection-summary').filter({ hasText: 'Connected to fabrikam' }).waitFor();
  // Connected now: the projects to sync are listed by the backend with the stored credential, not the page's token.
  await f.locator(`#project-${PROJECT.id}`).waitFor({ state: 'attached' });
  assert.equal((await control('status')).projectListsByPat, listsBefore + 1);
  await f.locator('#audit-load').click();
  await f.locator('#audit-table').filter({ hasText: 'config.write' }).waitFor();
  await f.locator('#purge').check();
  await f.locator('#disconnect').click();
  await f.locator('#disconnect-confirm').click();
  await f.locator('#disconnect-status').filter({ hasText: 'Disconnected:' }).waitFor();
  assert.match(await text(f, '#disconnect-status'), new RegExp(`${ITEMS * 3} revisions, 1 projects`));
  await f.locator('#sync-status').filter({ hasText: 'Not connected yet' }).waitFor();
  const gone = await api('GET', '/audit', session.appToken, adminToken);
  assert.equal(gone.status, 404);
  assert.deepEqual(again.page.problems, []);
  await again.page.close();
});

test('a non-admin is refused on every admin route, and both pages say so', async () => {
  const session = await signIn();
  const adminToken = `admin-access-${Date.now()}`;
  const memberToken = `member-access-${Date.now()}`;
  await control('user', { accessToken: adminToken, userId: session.userId, admin: true });
  await control('user', { accessToken: memberToken, userId: MEMBER, admin: false });
  const connect = { organizationName: 'fabrikam', credential: { kind: 'pat', token: ADMIN_ORG.pat }, projects: [PROJECT.id] };
  assert.equal((await api('PUT', '/connection', session.appToken, adminToken, connect)).status, 200);

  const config = { stages: [{ name: 'To do', category: 'proposed', states: ['New'] },
    { name: 'Doing', category: 'active', states: ['Active'] }, { name: 'Done', category: 'done', states: ['Closed'] }],
  commitmentStage: 'Doing', startPolicy: 'first' };
  const routes = [['PUT', '/connection', connect], ['GET', '/connection'], ['DELETE', '/connection?purge=true'],
    ['PUT', '/personal-fields', { includeTitleAndAssignee: true }], ['GET', '/sync-status'],
    ['POST', `/projects/${PROJECT.id}/sync`], ['GET', `/projects/${PROJECT.id}/workflow-draft`],
    ['PUT', `/projects/${PROJECT.id}/config`, config], ['GET', '/audit']];
  for (const [method, path, body] of routes) {
    const res = await api(method, path, session.appToken, memberToken, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal((await res.json()).error, 'forbidden', `${method} ${path}`);
  }

  const org = await open('org-settings', session, memberToken, DARK);
  await org.frame.locator('#sync-status').filter({ hasText: 'not an administrator' }).waitFor();
  await org.frame.locator('#pat').fill(ADMIN_ORG.pat);
  await org.frame.locator('#connect').click();
  await org.frame.locator('#connect-status').filter({ hasText: 'Not connected: you are not an administrator' }).waitFor();
  const colours = await org.frame.evaluate(() => [getComputedStyle(document.body).backgroundColor,
    getComputedStyle(document.querySelector('input#pat')).backgroundColor, getComputedStyle(document.body).color]);
  assert.equal(colours[0], 'rgb(30, 30, 30)', 'the page follows the dark theme');
  assert.equal(colours[1], 'rgb(30, 30, 30)', 'inputs follow the dark theme');
  await screenshot(org.page, 'extension-org-settings-dark-non-admin', org.page.locator('#extension'));
  await org.page.close();

  const project = await open('project-settings', session, memberToken);
  await project.frame.locator('#workflow-status').filter({ hasText: 'not an administrator' }).waitFor();
  await project.page.close();

  // The admin's connection is untouched; clean up.
  const read = await (await api('GET', '/connection', session.appToken, adminToken)).json();
  assert.equal(read.credential.updatedBy, session.userId);
  assert.equal((await api('DELETE', '/connection?purge=true', session.appToken, adminToken)).status, 200);
});
