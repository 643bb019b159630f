// Builds the extension's pages into <stage>/ (default target/stage): dist/js (esbuild bundles of the page
// entries: SDK, adapter, widget logic), dist/css, the HTML pages, and static/ (the generated images).
// No source maps: the package must not carry local paths.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawIcons } from './icons.mjs';
import { allPages } from './pages.mjs';

const stage = process.argv[2] ?? 'target/stage';
const dist = join(stage, 'dist');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(dist, 'css'), { recursive: true });

const built = await build({
  entryPoints: {
    hub: 'src/pages/hub.ts', widget: 'src/pages/widget.ts', config: 'src/pages/config.ts',
    'org-settings': 'src/pages/orgSettings.ts', 'project-settings': 'src/pages/projectSettings.ts',
  },
  metafile: true,
  outdir: join(dist, 'js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
});
copyFileSync('src/pages/pages.css', join(dist, 'css', 'pages.css'));
// Every npm package inside the page bundles ships its licence (and NOTICE) in <stage>/licenses/<package>/, with its
// name, version and licence in about.json; package.mjs adds the dashboard bundle's and writes the notices file.
const bundled = new Set(Object.keys(built.metafile.inputs)
  .map((f) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter(Boolean));
for (const pkg of bundled) {
  const dir = join('node_modules', pkg);
  const files = readdirSync(dir).filter((f) => /^(LICEN[CS]E|NOTICE|COPYING)/i.test(f));
  if (files.length === 0) throw new Error(`${pkg} is bundled into the pages but has no licence file to ship`);
  const out = join(stage, 'licenses', pkg.replace('/', '+'));
  mkdirSync(out, { recursive: true });
  for (const f of files) copyFileSync(join(dir, f), join(out, f));
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  writeFileSync(join(out, 'about.json'), `${JSON.stringify({ name, version, license }, null, 2)}\n`);
}
for (const [name, html] of allPages('vss-extension.json')) {
  writeFileSync(join(dist, name), html);
}
drawIcons(join(stage, 'static'));
console.log(`FlowTrack extension pages built into ${stage}`);
