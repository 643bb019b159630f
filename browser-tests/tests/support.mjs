// Shared by the browser tests: Debian's Chromium through playwright-core (no browser download), pages of
// the backend's demo, and checks on what the charts drew.
import { after, afterEach, before, beforeEach } from 'node:test';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.FLOWTRACK_BASE_URL;
export const SCREENSHOTS = process.env.FLOWTRACK_SCREENSHOTS;
if (!BASE) {
  throw new Error('FLOWTRACK_BASE_URL is not set: run the browser tests through run.mjs (or mvn verify)');
}

export const ALL_KINDS = ['scatter', 'aging', 'cfd', 'throughput', 'wip', 'arrivals', 'histogram', 'efficiency', 'types',
  'forecast-when', 'forecast-how-many', 'quality', 'stage-breakdown', 'weekly-throughput', 'throughput-histogram',
  'throughput-histogram-weekly'];

/** The charts of issue 14 (where the time goes, weekly flow, throughput samples). */
export const ISSUE14_KINDS = ['stage-breakdown', 'weekly-throughput', 'throughput-histogram', 'throughput-histogram-weekly'];

/**
 * Debian's Chromium. Playwright starts it with a fresh temporary user-data-dir of its own (removed when the
 * browser closes); every test gets a new context, so saved controls never leak from one test to another.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.FLOWTRACK_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    newContext: () => browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: 'UTC', locale: 'en-US',
      acceptDownloads: true }),
    close: () => browser.close(),
  };
}

/**
 * Registers the hooks of a test file: one browser for the file, a new context per test. Returns an object
 * whose `context` is the current test's.
 */
export function useBrowser() {
  const state = { browser: null, context: null };
  before(async () => { state.browser = await launch(); });
  after(async () => { await state.browser?.close(); });
  beforeEach(async () => { state.context = await state.browser.newContext(); });
  afterEach(async () => { await state.context?.close(); });
  return state;
}

/** A new page that records console errors, page errors and CSP violations. */
export async function openPage(context, path) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = [];
  page.on('console', m => {
    if (m.type() === 'error') {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  await page.goto(BASE + path);
  page.problems = problems;
  return page;
}

/** Waits until no chart is loading; returns {kind: state}. */
export async function settled(page, timeout = 60_000) {
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll('[data-chart]')];
    return charts.length > 0 && charts.every(c => c.getAttribute('data-state') !== 'loading');
  }, null, { timeout });
  return page.$$eval('[data-chart]', charts => Object.fromEntries(charts.map(c => [c.getAttribute('data-chart'),
    c.getAttribute('data-state')])));
}

/**
 * Per chart: the data points it says it drew, and how many canvas pixels are painted (the background is
 * transparent, so a painted pixel is an axis, a label or data) and how many have a colour (data, not the
 * grey axes and labels).
 */
export async function drawn(page) {
  return page.$$eval('[data-chart]', charts => Object.fromEntries(charts.map(chart => {
    // ECharts may keep a second (hover) layer; the first canvas with a size is the chart.
    const canvas = [...chart.querySelectorAll('canvas')].find(c => c.width > 0 && c.height > 0) ?? null;
    let painted = 0;
    let coloured = 0;
    let hash = 0;
    if (canvas) {
      const ctx = canvas.getContext('2d');
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0) {
          painted++;
          const max = Math.max(data[i], data[i + 1], data[i + 2]);
          const min = Math.min(data[i], data[i + 1], data[i + 2]);
          if (max - min > 40) {
            coloured++;
          }
          hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2] + (i & 0xffff)) % 1_000_000_007;
        }
      }
    }
    return [chart.getAttribute('data-chart'), {
      points: Number(chart.getAttribute('data-points') ?? 0), painted, coloured, hash,
      width: canvas ? canvas.clientWidth : 0, height: canvas ? canvas.clientHeight : 0,
    }];
  })));
}

export async function screenshot(page, name, locator) {
  const path = join(SCREENSHOTS, `${name}.png`);
  await (locator ? locator.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
}

/** Today in UTC, the zone the demo generates its data in and the browser runs in. */
export function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}
