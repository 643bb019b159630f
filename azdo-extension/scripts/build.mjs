// Builds the extension's pages into <stage>/ (default target/stage): dist/js (esbuild bundles of the page
// entries: SDK, adapter, widget logic), dist/css, the HTML pages, and static/ (the generated images).
// No source maps: the package must not carry local paths.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawIcons } from './icons.mjs';
import { allPages } from './pages.mjs';

const stage = process.argv[2] ?? 'target/stage';
const dist = join(stage, 'dist');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(dist, 'css'), { recursive: true });

await build({
  entryPoints: {
    hub: 'src/pages/hub.ts', widget: 'src/pages/widget.ts', config: 'src/pages/config.ts',
    'org-settings': 'src/pages/orgSettings.ts', 'project-settings': 'src/pages/projectSettings.ts',
  },
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
for (const [name, html] of allPages('vss-extension.json')) {
  writeFileSync(join(dist, name), html);
}
drawIcons(join(stage, 'static'));
console.log(`FlowTrack extension pages built into ${stage}`);
