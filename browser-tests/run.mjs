// Starts the real backend in demo mode on a free loopback port, runs the node:test browser tests against
// it and always stops it again: after the tests, when they fail, and when this process is interrupted.
//
// Environment (the Maven build sets all of them):
//   FLOWTRACK_BACKEND_JAR   the shaded backend jar (default ../azdo-backend/target/flowtrack-azdo-backend.jar)
//   FLOWTRACK_JAVA          the java launcher (default: java on the PATH)
//   FLOWTRACK_CHROMIUM      the browser (default /usr/bin/chromium)
//   FLOWTRACK_SCREENSHOTS   where screenshots go (default target/screenshots)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jar = resolve(process.env.FLOWTRACK_BACKEND_JAR ?? resolve(here, '../azdo-backend/target/flowtrack-azdo-backend.jar'));
const java = process.env.FLOWTRACK_JAVA ?? 'java';
const chromium = process.env.FLOWTRACK_CHROMIUM ?? '/usr/bin/chromium';
const screenshots = resolve(process.env.FLOWTRACK_SCREENSHOTS ?? resolve(here, 'target/screenshots'));
const STARTUP_MS = 90_000;

for (const [what, path] of [['backend jar', jar], ['Chromium', chromium]]) {
  if (!existsSync(path)) {
    console.error(`browser tests: the ${what} is missing at ${path}` + (what === 'Chromium'
      ? ' (install the Debian package: apt-get install chromium)' : ' (build azdo-backend first)'));
    process.exit(2);
  }
}
mkdirSync(screenshots, { recursive: true });

let backend = null;
let backendExited = false;

function stopBackend() {
  if (backend && !backendExited) {
    backend.kill('SIGTERM');
    const hard = setTimeout(() => { if (!backendExited) backend.kill('SIGKILL'); }, 10_000);
    hard.unref();
  }
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

function startBackend() {
  return new Promise((resolveStart, rejectStart) => {
    // Port 0: the operating system picks a free port; Main prints the one it got.
    backend = spawn(java, ['-jar', jar, '--demo'], {
      env: { ...process.env, FLOWTRACK_PORT: '0', FLOWTRACK_BIND_HOST: '127.0.0.1',
        FLOWTRACK_DATABASE_URL: `jdbc:h2:mem:browser-tests-${process.pid};DB_CLOSE_DELAY=-1` },
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

function runTests(baseUrl) {
  return new Promise(resolveRun => {
    const tests = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1',
      resolve(here, 'tests')], {
      env: { ...process.env, FLOWTRACK_BASE_URL: baseUrl, FLOWTRACK_CHROMIUM: chromium,
        FLOWTRACK_SCREENSHOTS: screenshots },
      stdio: 'inherit',
    });
    tests.on('exit', code => resolveRun(code ?? 1));
  });
}

let code = 1;
try {
  const baseUrl = await startBackend();
  console.log(`browser tests: backend demo at ${baseUrl}, Chromium ${chromium}, screenshots in ${screenshots}`);
  code = await runTests(baseUrl);
} catch (e) {
  console.error(`browser tests: ${e.message}`);
  code = 1;
} finally {
  stopBackend();
}
process.exitCode = code;
