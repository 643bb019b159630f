import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { addDays, isIsoDate, sanitizeControls, windowProblems } from '@flowtrack/web/controls';
import { parseColor, themeFromBackground } from '../src/host/theme.js';
import { parseWidgetConfig } from '../src/widgets/settings.js';
import { isLoopbackBackend, normalizeBackendUrl } from '../src/config/backendUrl.js';
import { parseExtensionConfig } from '../src/config/extensionConfig.js';

describe('controls', () => {
  it('keeps only valid fields', () => {
    expect(sanitizeControls({
      window: { kind: 'custom', from: '2025-01-01', to: '2025-01-31' }, types: [' Bug ', 'Bug', 'Task'], startPolicy: 'last',
      forecastDays: 14, forecastItems: 100_000, extra: 'x',
    })).toEqual({ window: { kind: 'custom', from: '2025-01-01', to: '2025-01-31' }, types: ['Bug', 'Task'], startPolicy: 'last', forecastDays: 14, forecastItems: 100_000 });
    expect(sanitizeControls({ window: { kind: 'last', days: 45 }, types: ['', 'x'], startPolicy: 'middle', forecastDays: 0.5, forecastItems: 100_001 })).toEqual({});
    expect(sanitizeControls({ types: [1] })).toEqual({});
    expect(sanitizeControls({ types: ['x'.repeat(129)] })).toEqual({});
    expect(sanitizeControls('nope')).toEqual({});
    expect(sanitizeControls({ startPolicy: null })).toEqual({ startPolicy: null });
  });

  it('checks windows', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(windowProblems({ kind: 'custom', from: '2025-02-01', to: '2025-01-01' })).toEqual(['The start date is after the end date.']);
    expect(windowProblems({ kind: 'custom', from: '1900-01-01', to: '2025-01-01' })).toHaveLength(1);
    expect(windowProblems({ kind: 'custom', from: 'x', to: '' })).toHaveLength(2);
  });

  it('reads widget settings defensively, defaulting bad fields', () => {
    expect(parseWidgetConfig('{"controls": {"window": {"kind":"last","days":5}}, "question": "how-many"}'))
      .toMatchObject({ controls: { window: { kind: 'last', days: 90 } }, question: 'how-many' });
    expect(parseWidgetConfig('{}')?.question).toBe('when');
    expect(parseWidgetConfig('"text"')).toBeNull();
  });
});

describe('theme', () => {
  it('derives dark from the background luminance', () => {
    expect(themeFromBackground('rgba(255, 255, 255, 1)')).toBe('light');
    expect(themeFromBackground('rgba(30, 30, 30, 1)')).toBe('dark');
    expect(themeFromBackground('#201f1e')).toBe('dark');
    expect(themeFromBackground('#fff')).toBe('light');
    expect(themeFromBackground('32, 31, 30')).toBe('dark');
    expect(themeFromBackground('')).toBe('light');
    expect(themeFromBackground('var(--x)')).toBe('light');
    expect(parseColor('rgb(300, 0, 0)')).toBeNull();
    expect(parseColor('#00000080')).toEqual([0, 0, 0]);
  });
});

describe('backend URL', () => {
  it('accepts https and loopback http, normalized', () => {
    expect(normalizeBackendUrl('https://FlowTrack.example.com/')).toBe('https://flowtrack.example.com');
    expect(normalizeBackendUrl('https://flowtrack.example.com:8443/api/')).toBe('https://flowtrack.example.com:8443/api');
    expect(normalizeBackendUrl('http://127.0.0.1:7070')).toBe('http://127.0.0.1:7070');
    expect(isLoopbackBackend('http://localhost:7070')).toBe(true);
    expect(isLoopbackBackend('https://flowtrack.example.com')).toBe(false);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'flowtrack', 'http://flowtrack.example.com', 'ftp://127.0.0.1', 'https://u:p@x.example.com',
      'https://x.example.com/?a=1', 'https://x.example.com/#f', 'javascript:alert(1)']) {
      expect(() => normalizeBackendUrl(bad), bad).toThrow();
    }
    expect(() => parseExtensionConfig([])).toThrow();
    expect(parseExtensionConfig({ backendUrl: 'https://a.example.com/' })).toEqual({ backendUrl: 'https://a.example.com' });
  });
});

describe('the shared control cases (web/test/fixtures/control-cases.json): the same input gives the same controls as in the hub and Jira', () => {
  const { cases } = JSON.parse(readFileSync(new URL('../../web/test/fixtures/control-cases.json', import.meta.url), 'utf8')) as
    { cases: Array<{ name: string; input: unknown; expected: unknown }> };

  it.each(cases.map((c) => [c.name, c] as const))('widget settings: %s', (_name, c) => {
    expect(parseWidgetConfig(JSON.stringify({ controls: c.input }))?.controls).toEqual(c.expected);
  });
});
