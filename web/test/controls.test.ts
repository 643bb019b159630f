import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_LIMITS, DEFAULT_CONTROLS, normalizeControls, sanitizeControls, windowProblems } from '../src/controls';

const cases = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-cases.json'),
  'utf8')) as { cases: { name: string, input: unknown, expected: unknown }[] }).cases;

test('the shared control cases: the same input gives the same controls (the other hosts run these too)', () => {
  for (const c of cases) {
    assert.deepEqual(normalizeControls(c.input), c.expected, c.name);
  }
});

test('one default forecast for every host: 30 days, 20 items', () => {
  assert.equal(DEFAULT_CONTROLS.forecastItems, 20);
  assert.equal(DEFAULT_CONTROLS.forecastDays, 30);
  assert.ok(Object.isFrozen(DEFAULT_CONTROLS) && Object.isFrozen(DEFAULT_CONTROLS.types));
});

test('limits are the engine\'s', () => {
  assert.deepEqual(CONTROL_LIMITS.forecastDays, { min: 1, max: 3650 });
  assert.deepEqual(CONTROL_LIMITS.forecastItems, { min: 1, max: 100_000 });
  assert.equal(CONTROL_LIMITS.typeNameLength, 128);
  assert.equal(CONTROL_LIMITS.windowDays, 36_525);
});

test('sanitizeControls keeps only the valid members; windowProblems says why a window is refused', () => {
  assert.deepEqual(sanitizeControls({ forecastDays: 7, forecastItems: -1, extra: 1 }), { forecastDays: 7 });
  assert.deepEqual(sanitizeControls([1]), {});
  assert.deepEqual(windowProblems({ kind: 'custom', from: '2024-03-01', to: '2024-02-01' }), ['The start date is after the end date.']);
  assert.deepEqual(windowProblems({ kind: 'custom', from: '1900-01-01', to: '2024-01-01' }), ['The window is longer than 36525 days.']);
  // The engine's limit, both ends counted: 36 525 days is the longest window.
  assert.deepEqual(windowProblems({ kind: 'custom', from: '2000-01-01', to: '2099-12-31' }), []);
  assert.equal(windowProblems({ kind: 'custom', from: '2000-01-01', to: '2100-01-01' }).length, 1);
});

test('the limits are the engine\'s: each number here is the Java constant the hosts and the CLI check against', () => {
  const java = (file: string) => readFileSync(join(__dirname, '..', '..', '..', '..', 'shared-metrics', 'src', 'main',
    'java', 'io', 'flowtrack', 'metrics', 'report', file), 'utf8');
  const constant = (source: string, name: string): number => {
    const m = new RegExp(`static final int ${name} = ([0-9_]+);`).exec(source);
    assert.ok(m, `${name} is declared as a number`);
    return Number(m[1].replace(/_/g, ''));
  };
  const parameters = java('ReportParameters.java');
  const request = java('ReportRequest.java');
  assert.equal(CONTROL_LIMITS.forecastDays.max, constant(parameters, 'MAX_FORECAST_DAYS'));
  assert.equal(CONTROL_LIMITS.forecastItems.max, constant(parameters, 'MAX_FORECAST_ITEMS'));
  assert.equal(CONTROL_LIMITS.typeNameLength, constant(request, 'MAX_TYPE_NAME_LENGTH'));
  assert.equal(CONTROL_LIMITS.windowDays, constant(request, 'MAX_WINDOW_DAYS'));
  assert.equal(CONTROL_LIMITS.sleDays.max, constant(request, 'MAX_DAYS'));
  assert.equal(CONTROL_LIMITS.slePercentile.min, constant(request, 'MIN_PERCENTILE'));
  assert.equal(CONTROL_LIMITS.slePercentile.max, constant(request, 'MAX_PERCENTILE'));
});
