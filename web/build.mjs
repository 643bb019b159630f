// Bundles the dashboards into one IIFE (global FlowTrack, ECharts included) and its stylesheet, where the
// Maven build packs them: target/classes/io/flowtrack/web/.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outdir = process.env.FLOWTRACK_WEB_OUT ?? 'target/classes/io/flowtrack/web';
await build({
  entryPoints: { 'flowtrack-dashboard': 'src/index.ts' },
  outdir,
  bundle: true,
  format: 'iife',
  globalName: 'FlowTrack',
  minify: true,
  sourcemap: false,
  target: ['chrome109', 'firefox115', 'safari15.4', 'edge109'],
  legalComments: 'linked',
  logLevel: 'info',
  charset: 'utf8',
  // Papa Parse's UMD wrapper registers itself with a page's AMD loader when one exists (Jira has one): the bundle
  // would then get an empty module instead of Papa Parse. Inside the bundle there is no AMD: every module is
  // wired by esbuild, so the free name `define` is nothing here.
  define: { define: 'undefined' },
});

// The bundle ships third-party code: its licence and notice files go into the jar beside it.
const licences = 'target/classes/META-INF/licenses';
for (const pkg of ['echarts', 'zrender', 'tslib', 'papaparse']) {
  const dir = join('node_modules', pkg);
  if (!existsSync(dir)) {
    throw new Error(`${pkg} is bundled but not installed: run npm ci`);
  }
  const files = readdirSync(dir, { withFileTypes: true })
    .filter(f => f.isFile() && /^(LICEN[CS]E|NOTICE|CopyrightNotice)/i.test(f.name)).map(f => f.name);
  if (files.length === 0) {
    throw new Error(`${pkg} has no licence file to ship`);
  }
  mkdirSync(join(licences, pkg), { recursive: true });
  files.forEach(f => copyFileSync(join(dir, f), join(licences, pkg, f)));
  // Name, version and licence of what is bundled, for the hosts' third-party notices.
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  writeFileSync(join(licences, pkg, 'about.json'), JSON.stringify({ name, version, license }, null, 2) + '\n');
}
