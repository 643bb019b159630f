// One chart at Azure DevOps widget size (2x2 = 330 x 330 px), and the host errors' empty states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_KINDS, drawn, openPage, screenshot, settled, useBrowser } from './support.mjs';

const browser = useBrowser();

for (const theme of ['light', 'dark']) {
  test(`every chart at widget size draws its data (${theme})`, async () => {
    for (const kind of ALL_KINDS) {
      const page = await openPage(browser.context, `/demo/?chart=${kind}&theme=${theme}`);
      const states = await settled(page);
      assert.deepEqual(states, { [kind]: 'ready' }, kind);
      const c = (await drawn(page))[kind];
      assert.ok(c.points > 0, `${kind}: no data points`);
      assert.ok(c.width <= 310 && c.width > 250, `${kind}: canvas ${c.width} px wide in a 330 px widget`);
      assert.ok(c.height > 120, `${kind}: canvas only ${c.height} px high`);
      assert.ok(c.coloured > 100, `${kind}: only ${c.coloured} coloured pixels`);
      // nothing spills out of the widget box
      const overflow = await page.$eval('.demo-widget', box => box.scrollHeight - box.clientHeight);
      assert.ok(overflow <= 0, `${kind}: the widget content overflows by ${overflow} px`);
      // no per-user controls in a widget
      assert.equal(await page.locator('.ft-controls').count(), 0);
      await screenshot(page, `widget-${kind}-${theme}`, page.locator('.demo-widget'));
      assert.deepEqual(page.problems, [], kind);
      await page.close();
    }
  });
}

test('a project whose first sync has not run says to wait for it', async () => {
  const page = await openPage(browser.context, '/demo/?project=unsynced');
  const states = await settled(page);
  for (const kind of ALL_KINDS) {
    assert.equal(states[kind], 'empty', kind);
  }
  assert.match(await page.textContent('[data-chart="cfd"]'), /first sync/);
  await screenshot(page, 'dashboard-not-synced');
  await page.close();
});

test('an organization that is not connected says to connect it', async () => {
  const page = await openPage(browser.context, '/demo/?chart=scatter&org=11111111-2222-4333-8444-555555555555');
  const states = await settled(page);
  assert.deepEqual(states, { scatter: 'empty' });
  assert.match(await page.textContent('[data-chart="scatter"]'), /not connected/);
  await screenshot(page, 'widget-not-connected', page.locator('.demo-widget'));
  // the backend's 404 shows in the console as a failed resource; nothing else may go wrong
  assert.deepEqual(page.problems.filter(p => !/status of 404/.test(p)), []);
  await page.close();
});

test('a project the user cannot read shows the backend\'s message as an error', async () => {
  const page = await openPage(browser.context, '/demo/?chart=aging&project=11111111-2222-4333-8444-555555555555');
  const states = await settled(page);
  assert.deepEqual(states, { aging: 'error' });
  const text = await page.textContent('[data-chart="aging"] .ft-chart-message');
  assert.ok(text.trim().length > 10, text);
  await page.close();
});

test('the full dashboard fits a narrow window: no sideways scrolling, charts drawn compact', async () => {
  const page = await openPage(browser.context, '/demo/?theme=light');
  await page.setViewportSize({ width: 420, height: 900 });
  const states = await settled(page);
  assert.ok(Object.values(states).every(s => s === 'ready'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
  const charts = await drawn(page);
  for (const [kind, c] of Object.entries(charts)) {
    assert.ok(c.width <= 400 && c.coloured > 100, `${kind}: ${c.width} px wide, ${c.coloured} coloured pixels`);
  }
  await screenshot(page, 'dashboard-narrow');
  await page.close();
});
