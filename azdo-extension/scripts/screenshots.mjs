// The Marketplace listing's screenshots (vss-extension.json "screenshots"), taken from the browser tests: run
// `npm run test:browser` (after a package), then `npm run screenshots`, look at them, and commit images/screenshots/.
// They are real pages: the packaged extension inside the harness, drawing the example report
// (test/fixtures/example-report.json, from examples/example-history.json).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SHOTS = 'target/browser';
const OUT = 'images/screenshots';
const PICKS = { 'hub.png': 'hub.png', 'widget-cycle-time.png': 'widget-cycle-time.png', 'config-forecast-dark.png': 'configuration-dark.png' };

mkdirSync(OUT, { recursive: true });
for (const [from, to] of Object.entries(PICKS)) {
  const file = join(SHOTS, from);
  if (!existsSync(file)) {
    console.error(`screenshots: ${file} is missing: run npm run test:browser first`);
    process.exit(2);
  }
  copyFileSync(file, join(OUT, to));
  console.log(`${join(OUT, to)} ← ${file}`);
}
