import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_ID, WIDGETS } from '../src/widgets/catalog.js';
import { allPages } from '../scripts/pages.mjs';
import { drawIcons } from '../scripts/icons.mjs';

interface Contribution { id: string; type: string; targets: string[]; description?: string; properties: Record<string, unknown> }
const manifest = JSON.parse(readFileSync('vss-extension.json', 'utf8'));
const devOverrides = JSON.parse(readFileSync('overrides.dev.json', 'utf8'));
const contributions: Contribution[] = manifest.contributions;
const byId = new Map(contributions.map((c) => [c.id, c]));
const ofType = (t: string) => contributions.filter((c) => c.type === t);

describe('vss-extension.json', () => {
  it('has the required keys, Azure Boards, and only the vso.work scope', () => {
    expect(manifest.manifestVersion).toBe(1);
    expect(manifest.id).toMatch(/^[A-Za-z0-9-]+$/);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.name.length).toBeLessThanOrEqual(200);
    expect(manifest.description.length).toBeLessThanOrEqual(200);
    expect(manifest.publisher).toBeTruthy();
    expect(manifest.categories).toEqual(['Azure Boards']);
    expect(manifest.targets).toEqual([{ id: 'Microsoft.VisualStudio.Services' }]);
    expect(manifest.scopes).toEqual(['vso.work']);
    expect(manifest.public).toBe(false);
    expect(manifest.baseUri).toBeUndefined();
    expect(manifest.files.every((f: { addressable?: boolean }) => f.addressable === true)).toBe(true);
  });

  it('has unique contribution ids', () => {
    expect(new Set(contributions.map((c) => c.id)).size).toBe(contributions.length);
  });

  it('has the Boards hub and, per widget of the catalog, a widget naming its own configuration by relative id', () => {
    const hub = byId.get(HUB_ID)!;
    expect(hub.type).toBe('ms.vss-web.hub');
    expect(hub.targets).toEqual(['ms.vss-work-web.work-hub-group']);
    expect(ofType('ms.vss-dashboards-web.widget').map((c) => c.id)).toEqual(WIDGETS.map((w) => w.contributionId));
    for (const def of WIDGETS) {
      const widget = byId.get(def.contributionId)!;
      expect(widget.properties.name).toBe(`FlowTrack: ${def.title}`);
      expect(widget.targets).toEqual(['ms.vss-dashboards-web.widget-catalog', `.${def.configurationId}`]);
      const config = byId.get(def.configurationId)!;
      expect(config.type).toBe('ms.vss-dashboards-web.widget-configuration');
      expect(config.targets).toEqual(['ms.vss-dashboards-web.widget-configuration']);
      expect(widget.properties.uri).toBe(`dist/widget-${def.key}.html`);
      expect(config.properties.uri).toBe(`dist/config-${def.key}.html`);
    }
  });

  it('has the widgets of issue 14: where the time goes, weekly throughput, the throughput histogram (days or weeks)', () => {
    const names = ofType('ms.vss-dashboards-web.widget').map((c) => c.properties.name);
    expect(names).toEqual(expect.arrayContaining(['FlowTrack: Where the time goes', 'FlowTrack: Weekly throughput',
      'FlowTrack: Throughput histogram']));
    const byKey = new Map(WIDGETS.map((w) => [w.key, w]));
    expect(byKey.get('stage-breakdown')!.charts).toEqual(['stage-breakdown']);
    expect(byKey.get('weekly-throughput')!.charts).toEqual(['weekly-throughput']);
    expect(byKey.get('throughput-histogram')!.charts).toEqual(['throughput-histogram', 'throughput-histogram-weekly']);
    expect(WIDGETS.filter((w) => w.workingDays).map((w) => w.key)).toEqual(['cycle-time', 'aging', 'forecast']);
    for (const def of WIDGETS) {
      const widget = byId.get(def.contributionId)!;
      expect(widget.description, def.key).toBe(widget.properties.description);
      expect(widget.description!.length, def.key).toBeGreaterThan(20);
      expect(byId.get(def.configurationId)!.properties.name).toMatch(/^FlowTrack .+ configuration$/);
    }
  });

  it('gives every widget the same sizes, compact 2x2 first, and its own drawn catalog icon and preview', () => {
    const first = byId.get(WIDGETS[0].contributionId)!.properties.supportedSizes;
    const dir = mkdtempSync(join(tmpdir(), 'flowtrack-icons-'));
    try {
      const drawn = drawIcons(dir) as string[];
      expect(drawn).toEqual(WIDGETS.map((w) => w.key));
      for (const def of WIDGETS) {
        const p = byId.get(def.contributionId)!.properties;
        expect(p.supportedSizes, def.key).toEqual(first);
        expect(p.catalogIconUrl).toBe(`static/widget-${def.key}-98.png`);
        expect(p.previewImageUrl).toBe(`static/widget-${def.key}-330x160.png`);
        expect(existsSync(join(dir, `widget-${def.key}-98.png`)), def.key).toBe(true);
        expect(existsSync(join(dir, `widget-${def.key}-330x160.png`)), def.key).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts FlowTrack under Organization settings and Project settings (the ids end in -hub-group)', () => {
    const org = byId.get('flowtrack-org-settings')!;
    const project = byId.get('flowtrack-project-settings')!;
    expect(org.type).toBe('ms.vss-web.hub');
    expect(org.targets).toEqual(['ms.vss-web.collection-admin-hub-group']);
    expect(org.properties.uri).toBe('dist/org-settings.html');
    expect(project.type).toBe('ms.vss-web.hub');
    expect(project.targets).toEqual(['ms.vss-web.project-admin-hub-group']);
    expect(project.properties.uri).toBe('dist/project-settings.html');
  });

  it('resolves every relative contribution reference', () => {
    for (const c of contributions) {
      for (const t of c.targets.filter((t) => t.startsWith('.'))) {
        expect(byId.has(t.slice(1)), `${c.id} → ${t}`).toBe(true);
      }
    }
  });

  it('gives widgets sane sizes (2x2 first, at most 4x4), the project_team scope and catalog images', () => {
    for (const w of ofType('ms.vss-dashboards-web.widget')) {
      const sizes = w.properties.supportedSizes as Array<{ rowSpan: number; columnSpan: number }>;
      expect(sizes[0]).toEqual({ rowSpan: 2, columnSpan: 2 });
      expect(sizes.length).toBeGreaterThan(1);
      for (const s of sizes) {
        expect(Number.isInteger(s.rowSpan) && s.rowSpan >= 1 && s.rowSpan <= 4).toBe(true);
        expect(Number.isInteger(s.columnSpan) && s.columnSpan >= 1 && s.columnSpan <= 4).toBe(true);
      }
      expect(new Set(sizes.map((s) => `${s.rowSpan}x${s.columnSpan}`)).size).toBe(sizes.length);
      expect(w.properties.supportedScopes).toEqual(['project_team']);
      expect(w.properties.catalogIconUrl).toMatch(/^static\/.+-98\.png$/);
      expect(w.properties.previewImageUrl).toMatch(/^static\/.+-330x160\.png$/);
      expect(w.properties.isNameConfigurable).toBe(true);
    }
  });

  it('points every page at a generated page, and no page has an inline script', () => {
    const pages = new Map<string, string>(allPages('vss-extension.json') as Array<[string, string]>);
    for (const c of contributions) {
      const uri = String(c.properties.uri);
      expect(uri.startsWith('dist/'), uri).toBe(true);
      expect(pages.has(uri.slice('dist/'.length)), uri).toBe(true);
    }
    for (const [name, html] of pages) {
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length, name).toBe(2);
      for (const [, attrs, body] of scripts) {
        expect(attrs).toMatch(/\ssrc="/);
        expect(body.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).toContain("script-src 'self'");
    }
  });

  it('makes the dev variant a separate, private extension', () => {
    expect(Object.keys(devOverrides).sort()).toEqual(['id', 'name', 'public']);
    expect(devOverrides.id).not.toBe(manifest.id);
    expect(devOverrides.name).toContain('[DEV]');
    expect(devOverrides.public).toBe(false);
  });
});
