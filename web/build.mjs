// Bundles the dashboards into one IIFE (global FlowTrack, ECharts included) and its stylesheet, where the
// Maven build packs them: target/classes/io/flowtrack/web/.
import { build } from 'esbuild';

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
});
