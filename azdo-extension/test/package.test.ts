import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Packaging end to end with tfx-cli, for the variant the Maven build does not produce by default (prod), and the
// parameters it must refuse. Uses its own stage and a stand-in bundle in a temporary directory.
describe('package.mjs', () => {
  let dir: string;
  let stage: string;
  let bundle: string;

  let licenses: string;
  const LINKS = ['--privacy-url=https://flowtrack.acme.test/privacy', '--support-url=https://flowtrack.acme.test/help'];
  const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/package.mjs', `--stage=${stage}`,
    `--web-bundle=${bundle}`, `--web-licenses=${licenses}`, ...LINKS, ...args], { encoding: 'utf8' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowtrack-package-'));
    stage = join(dir, 'stage');
    bundle = join(dir, 'bundle');
    const built = spawnSync(process.execPath, ['scripts/build.mjs', stage], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    mkdirSync(bundle, { recursive: true });
    writeFileSync(join(bundle, 'flowtrack-dashboard.js'), 'var FlowTrack = {};\n');
    writeFileSync(join(bundle, 'flowtrack-dashboard.css'), '.ft {}\n');
    licenses = join(dir, 'licenses');
    mkdirSync(join(licenses, 'echarts'), { recursive: true });
    writeFileSync(join(licenses, 'echarts', 'LICENSE'), 'Apache License, Version 2.0 (stand-in)\n');
    writeFileSync(join(licenses, 'echarts', 'NOTICE'), 'Apache ECharts (stand-in)\n');
    writeFileSync(join(licenses, 'echarts', 'about.json'), '{"name": "echarts", "version": "6.1.0", "license": "Apache-2.0"}\n');
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('packages the prod variant: its own id and name, public when asked, the https backend in the config file', async () => {
    const vsix = join(dir, 'prod.vsix');
    const result = run('--variant=prod', '--backend-url=https://flowtrack.example.com/', '--version=1.4.0-SNAPSHOT',
      '--publisher=acme', '--public=true', `--vsix=${vsix}`);
    expect(result.status, result.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(vsix));
    const xml = await zip.file('extension.vsixmanifest')!.async('string');
    expect(xml).toContain('Id="flowtrack" Publisher="acme" Version="1.4.0"');
    expect(xml).toContain('<DisplayName>FlowTrack flow metrics</DisplayName>');
    expect(xml).toMatch(/<GalleryFlags>.*Public.*<\/GalleryFlags>/);
    expect(JSON.parse(await zip.file('dist/flowtrack-config.json')!.async('string'))).toEqual({ backendUrl: 'https://flowtrack.example.com' });
    expect(JSON.parse(await zip.file('extension.vsomanifest')!.async('string')).scopes).toEqual(['vso.work']);
    expect(xml).toContain('Id="Microsoft.VisualStudio.Services.Links.Privacypolicy" Value="https://flowtrack.acme.test/privacy"');
    expect(xml).toContain('Id="Microsoft.VisualStudio.Services.Links.Support" Value="https://flowtrack.acme.test/help"');
    const notices = await zip.file('THIRD-PARTY-NOTICES.txt')!.async('string');
    expect(notices).toContain('- echarts 6.1.0 (Apache-2.0)');
    expect(notices).toContain('Apache ECharts (stand-in)');
    expect(notices).toMatch(/- azure-devops-extension-sdk \d+\.\d+\.\d+ \(MIT\)/);
    expect(zip.file('licenses/azure-devops-extension-sdk/LICENSE')).not.toBeNull();
    expect(zip.file('images/screenshots/hub.png')).not.toBeNull();
    // The source manifest is untouched (no --rev-version).
    expect(JSON.parse(readFileSync('vss-extension.json', 'utf8')).version).toBe('0.1.0');
  }, 60_000);

  it.each([
    [['--variant=prod', '--backend-url=http://127.0.0.1:7070'], 'prod variant needs the backend\'s public https address'],
    [['--variant=dev', '--backend-url=http://flowtrack.example.com'], 'must use https'],
    [['--variant=dev', '--backend-url=https://flowtrack.example.com', '--public=true'], 'dev variant is never public'],
    [['--variant=qa', '--backend-url=https://flowtrack.example.com'], '--variant must be dev or prod'],
    [['--variant=dev', '--backend-url=https://flowtrack.example.com', '--version=1.2'], '--version must be major.minor.patch'],
    [['--variant=dev', '--backend-url=https://flowtrack.example.com', '--publisher=a.b'], 'is not a publisher id'],
    [['--variant=prod', '--backend-url=https://flowtrack.acme.test', '--privacy-url=https://flowtrack.example.com/privacy'], 'needs your own privacy page'],
    [['--variant=dev', '--backend-url=https://flowtrack.acme.test', '--support-url=http://flowtrack.acme.test/help'], '--support-url must use https'],
  ])('refuses %j', (args, message) => {
    const result = run('--version=1.0.0', ...args, `--vsix=${join(dir, 'refused.vsix')}`);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
