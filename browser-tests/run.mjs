// Starts the real backend in demo mode on a free loopback port, runs the node:test browser tests against
// it and always stops it again: after the tests, when they fail, and when this process is interrupted.
// Before the backend, it serves the built Azure DevOps extension (.vsix) on another free loopback port, and the
// backend is started with FLOWTRACK_ALLOWED_ORIGINS naming exactly that origin, so the extension's calls are real
// cross-origin calls (extension-pages.mjs).
//
// Environment (the Maven build sets all of them):
//   FLOWTRACK_BACKEND_JAR   the shaded backend jar (default ../azdo-backend/target/flowtrack-azdo-backend.jar)
//   FLOWTRACK_EXTENSION_VSIX    the packaged extension (default ../azdo-extension/target/flowtrack-azdo-extension-dev.vsix)
//   FLOWTRACK_EXTENSION_HARNESS the page that plays Azure DevOps (default ../azdo-extension/test/browser/harness.ts)
//   FLOWTRACK_JAVA          the java launcher (default: java on the PATH)
//   FLOWTRACK_CHROMIUM      the browser (default /usr/bin/chromium)
//   FLOWTRACK_SCREENSHOTS   where screenshots go (default target/screenshots)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startExtensionPages } from './extension-pages.mjs';
import { ADMIN_ORG, startFakeOrg } from './fake-org.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const jar = resolve(process.env.FLOWTRACK_BACKEND_JAR ?? resolve(here, '../azdo-backend/target/flowtrack-azdo-backend.jar'));
const java = process.env.FLOWTRACK_JAVA ?? 'java';
const chromium = process.env.FLOWTRACK_CHROMIUM ?? '/usr/bin/chromium';
const screenshots = resolve(process.env.FLOWTRACK_SCREENSHOTS ?? resolve(here, 'target/screenshots'));
const vsix = resolve(process.env.FLOWTRACK_EXTENSION_VSIX
  ?? resolve(here, '../azdo-extension/target/flowtrack-azdo-extension-dev.vsix'));
const harness = resolve(process.env.FLOWTRACK_EXTENSION_HARNESS ?? resolve(here, '../azdo-extension/test/browser/harness.ts'));
const STARTUP_MS = 90_000;

for (const [what, path, hint] of [['backend jar', jar, 'build azdo-backend first'],
  ['Chromium', chromium, 'install the Debian package: apt-get install chromium'],
  ['extension package', vsix, 'build azdo-extension first'], ['extension harness', harness, 'part of azdo-extension']]) {
  if (!existsSync(path)) {
    console.error(`browser tests: the ${what} is missing at ${path} (${hint})`);
    process.exit(2);
  }
}
mkdirSync(screenshots, { recursive: true });

let backend = null;
let backendExited = false;

/** Stops the running backend; resolves when it has exited (SIGKILL after 10 s). */
function stopBackend() {
  const running = backend;
  if (!running || backendExited) {
    return Promise.resolve();
  }
  return new Promise(done => {
    running.once('exit', () => done());
    running.kill('SIGTERM');
    const hard = setTimeout(() => running.kill('SIGKILL'), 10_000);
    hard.unref();
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopBackend();
    process.exit(130);
  });
}
process.on('exit', () => {
  if (backend && !backendExited) {
    backend.kill('SIGKILL');
  }
});

/**
 * @param allowedOrigins FLOWTRACK_ALLOWED_ORIGINS, or null for none (the demo page calls its own origin)
 * @param azdoBaseUrl    FLOWTRACK_AZDO_BASE_URL (where organizations are connected), or null for the default
 */
function startBackend(allowedOrigins, azdoBaseUrl = null) {
  return new Promise((resolveStart, rejectStart) => {
    // Port 0: the operating system picks a free port; Main prints the one it got.
    backendExited = false;
    const env = { ...process.env, FLOWTRACK_PORT: '0', FLOWTRACK_BIND_HOST: '127.0.0.1',
      FLOWTRACK_DATABASE_URL: `jdbc:h2:mem:browser-tests-${process.pid};DB_CLOSE_DELAY=-1` };
    delete env.FLOWTRACK_ALLOWED_ORIGINS;
    if (allowedOrigins) {
      env.FLOWTRACK_ALLOWED_ORIGINS = allowedOrigins;
    }
    delete env.FLOWTRACK_AZDO_BASE_URL;
    if (azdoBaseUrl) {
      env.FLOWTRACK_AZDO_BASE_URL = azdoBaseUrl;
    }
    backend = spawn(java, ['-jar', jar, '--demo'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => rejectStart(new Error(`the backend did not start within ${STARTUP_MS} ms:\n${output}`)),
      STARTUP_MS);
    const onData = chunk => {
      const text = chunk.toString();
      output += text;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveStart(m[1]);
      }
    };
    backend.stdout.on('data', onData);
    backend.stderr.on('data', chunk => { output += chunk.toString(); });
    backend.on('exit', code => {
      backendExited = true;
      clearTimeout(timer);
      rejectStart(new Error(`the backend exited (code ${code}) before it listened:\n${output}`));
    });
    backend.on('error', e => {
      clearTimeout(timer);
      rejectStart(e);
    });
  });
}

function runTests(files, env) {
  return new Promise(resolveRun => {
    const tests = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
      env: { ...process.env, ...env, FLOWTRACK_CHROMIUM: chromium, FLOWTRACK_SCREENSHOTS: screenshots },
      stdio: 'inherit',
    });
    tests.on('exit', code => resolveRun(code ?? 1));
  });
}

// Two runs, one after the other, each with its own backend configured as it is deployed for those pages:
//  - the demo page is served by the backend itself and calls its own origin, so that backend names no origins;
//  - the extension's pages come from their own origin, which that backend names in FLOWTRACK_ALLOWED_ORIGINS.
// `node run.mjs tests/extension.test.mjs` runs only the files named.
const EXTENSION_TESTS = /(^|[/\\])extension[^/\\]*\.test\.mjs$/;
const named = process.argv.slice(2).map(f => resolve(f));
const all = named.length > 0 ? named
  : readdirSync(resolve(here, 'tests')).filter(f => f.endsWith('.test.mjs')).sort().map(f => resolve(here, 'tests', f));
const runs = [
  { name: 'demo page', files: all.filter(f => !EXTENSION_TESTS.test(f)), extension: false },
  { name: 'Azure DevOps extension', files: all.filter(f => EXTENSION_TESTS.test(f)), extension: true },
].filter(r => r.files.length > 0);

let code = 0;
let extension = null;
let fakeOrg = null;
try {
  for (const run of runs) {
    let env = {};
    if (run.extension) {
      extension = await startExtensionPages({ vsix, harness });
      // The organization the settings pages connect: the backend builds its URL from FLOWTRACK_AZDO_BASE_URL.
      fakeOrg = await startFakeOrg({ ...ADMIN_ORG, allowOrigin: extension.origin });
      env = { FLOWTRACK_EXTENSION_ORIGIN: extension.origin, FLOWTRACK_OTHER_ORIGIN: extension.otherOrigin,
        FLOWTRACK_FAKE_ORG: fakeOrg.base };
    }
    const baseUrl = await startBackend(extension?.origin ?? null, fakeOrg?.base ?? null);
    extension?.useBackend(baseUrl);
    console.log(`browser tests (${run.name}): backend demo at ${baseUrl}`
      + (run.extension ? ` allowing only ${extension.origin}, where the extension's pages are served` : '')
      + `; Chromium ${chromium}, screenshots in ${screenshots}`);
    const result = await runTests(run.files, { ...env, FLOWTRACK_BASE_URL: baseUrl });
    code = code || result;
    await stopBackend();
    await extension?.close();
    await fakeOrg?.close();
    extension = null;
    fakeOrg = null;
  }
} catch (e) {
  console.error(`browser tests: ${e.message}`);
  code = 1;
} finally {
  await stopBackend();
  await extension?.close();
  await fakeOrg?.close();
}
process.exitCode = code;
