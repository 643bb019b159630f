// Packages the built pages into a .vsix with tfx-cli:
//   node scripts/package.mjs --backend-url URL --variant dev|prod --version X.Y.Z [--publisher ID] [--public true]
//        --web-bundle DIR (flowtrack-dashboard.js/.css from io.flowtrack:flowtrack-web) [--web-licenses DIR]
//        --privacy-url URL --support-url URL [--stage DIR] [--vsix FILE]
// The privacy policy and support links (https; the prod variant refuses example.com) go into the listing with
// --override. THIRD-PARTY-NOTICES.txt and licenses/ cover every package inside the pages' bundles and the dashboard
// bundle (ECharts' LICENSE and NOTICE among them).
// The backend URL goes into dist/flowtrack-config.json and nowhere else. The version is passed with
// --override (never --rev-version, which would rewrite the source manifest).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE, isLoopbackBackend, normalizeBackendUrl } from '../src/config/backendUrl.js';

const { values: args } = parseArgs({
  options: {
    'backend-url': { type: 'string' },
    variant: { type: 'string', default: 'dev' },
    version: { type: 'string' },
    publisher: { type: 'string', default: 'flowtrack' },
    public: { type: 'string', default: 'false' },
    'web-bundle': { type: 'string' },
    'web-licenses': { type: 'string' },
    'privacy-url': { type: 'string' },
    'support-url': { type: 'string' },
    stage: { type: 'string', default: 'target/stage' },
    vsix: { type: 'string', default: 'target/flowtrack-azdo-extension.vsix' },
  },
});

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(2);
}

const variant = args.variant;
if (variant !== 'dev' && variant !== 'prod') fail(`--variant must be dev or prod, was '${variant}'`);
let backendUrl;
try {
  backendUrl = normalizeBackendUrl(args['backend-url']);
} catch (e) {
  fail(e.message);
}
if (variant === 'prod' && isLoopbackBackend(backendUrl)) {
  fail(`the prod variant needs the backend's public https address, not ${backendUrl}`);
}
// A Maven snapshot packages as its release number; anything else must already be major.minor.patch[.build].
const version = (args.version ?? '').replace(/-SNAPSHOT$/, '');
if (!/^\d+\.\d+\.\d+(\.\d+)?$/.test(version)) fail(`--version must be major.minor.patch, was '${args.version}'`);
if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(args.publisher)) fail(`--publisher is not a publisher id: '${args.publisher}'`);
if (args.public !== 'true' && args.public !== 'false') fail('--public must be true or false');
if (variant === 'dev' && args.public === 'true') fail('the dev variant is never public');
if (!args['web-bundle']) fail('--web-bundle is required (the unpacked io.flowtrack:flowtrack-web bundle)');

function listingLink(name) {
  const value = args[`${name}-url`];
  let url;
  try {
    url = new URL(value ?? '');
  } catch {
    fail(`--${name}-url is required: an https address (the listing links it)`);
  }
  if (url.protocol !== 'https:') fail(`--${name}-url must use https, was '${value}'`);
  if (variant === 'prod' && /(^|\.)example\.(com|org|net)$/.test(url.hostname)) {
    fail(`the prod variant needs your own ${name} page, not ${value}`);
  }
  return url.toString();
}
const links = { privacypolicy: { uri: listingLink('privacy') }, support: { uri: listingLink('support') } };

const stage = resolve(args.stage);
const lib = join(stage, 'dist', 'lib');
if (!existsSync(join(stage, 'dist', 'hub.html'))) fail(`${stage} holds no built pages: run the build first`);
mkdirSync(lib, { recursive: true });
for (const file of ['flowtrack-dashboard.js', 'flowtrack-dashboard.css']) {
  const from = join(args['web-bundle'], file);
  if (!existsSync(from)) fail(`the dashboard bundle ${from} is missing (module web/, artifact flowtrack-web)`);
}
// The bundle ships with whatever travels beside it (its license notices, e.g. flowtrack-dashboard.js.LEGAL.txt).
for (const file of readdirSync(args['web-bundle']).filter((f) => f.startsWith('flowtrack-dashboard.'))) {
  copyFileSync(join(args['web-bundle'], file), join(lib, file));
}
writeFileSync(join(stage, 'dist', CONFIG_FILE), `${JSON.stringify({ backendUrl }, null, 2)}\n`);
for (const file of ['vss-extension.json', 'overrides.dev.json', 'overview.md']) {
  copyFileSync(file, join(stage, file));
}
cpSync('images', join(stage, 'images'), { recursive: true });

// Third-party notices: the pages' packages (build.mjs put them in licenses/) and the dashboard bundle's (from the
// flowtrack-web artifact's META-INF/licenses), one folder per package and one file with every text.
const licenses = join(stage, 'licenses');
if (args['web-licenses']) {
  for (const pkg of readdirSync(args['web-licenses'])) {
    cpSync(join(args['web-licenses'], pkg), join(licenses, pkg), { recursive: true });
  }
}
const packages = existsSync(licenses) ? readdirSync(licenses).sort() : [];
const notices = ['FlowTrack for Azure DevOps: third-party software',
  '',
  'The extension\'s pages contain the following packages. Their licence and notice texts follow, and each is also in',
  'licenses/<package>/ of this package.',
  ''];
const texts = [];
for (const pkg of packages) {
  const about = JSON.parse(readFileSync(join(licenses, pkg, 'about.json'), 'utf8'));
  notices.push(`- ${about.name} ${about.version} (${about.license})`);
  for (const f of readdirSync(join(licenses, pkg)).filter((n) => n !== 'about.json').sort()) {
    texts.push('', '='.repeat(78), `${about.name} ${about.version}: ${f}`, '='.repeat(78), '',
      readFileSync(join(licenses, pkg, f), 'utf8').trimEnd());
  }
}
if (!packages.some((p) => p === 'echarts')) fail('the dashboard bundle\'s licences are missing (--web-licenses)');
writeFileSync(join(stage, 'THIRD-PARTY-NOTICES.txt'), `${[...notices, ...texts].join('\n')}\n`);

const vsix = resolve(args.vsix);
if (!vsix.endsWith('.vsix')) fail(`--vsix must name a .vsix file, was '${args.vsix}'`);
mkdirSync(dirname(vsix), { recursive: true });
rmSync(vsix, { force: true });

const override = { version, public: args.public === 'true' && variant === 'prod', links };
const tfxArgs = ['extension', 'create', '--root', stage, '--manifest-globs', 'vss-extension.json',
  '--publisher', args.publisher, '--override', JSON.stringify(override), '--output-path', vsix,
  '--no-prompt', '--no-color', '--json'];
if (variant === 'dev') tfxArgs.push('--overrides-file', join(stage, 'overrides.dev.json'));
const tfx = resolve('node_modules', 'tfx-cli', '_build', 'tfx-cli.js');
const result = JSON.parse(execFileSync(process.execPath, [tfx, ...tfxArgs], { encoding: 'utf8' }));
console.log(`FlowTrack extension (${variant}, backend ${backendUrl}): ${result.path}`);
