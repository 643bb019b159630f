// Plays the Azure DevOps side for the packaged extension: serves the files of the built .vsix the way the
// Marketplace CDN does (the package's own files only), the harness page that frames them and speaks the SDK's XDM
// channel (azdo-extension/test/browser/harness.ts, bundled with esbuild against the extension's own SDK), and a
// stand-in for the organization's REST API. Two loopback origins on free ports:
//   - `origin`: the extension's origin; the backend is started with FLOWTRACK_ALLOWED_ORIGINS naming it;
//   - `otherOrigin`: the organization's REST API (it allows `origin` by CORS, as Azure DevOps does), and the same
//     pages again, so a test can show that a page from an origin the backend does not name is refused.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { build } from 'esbuild';
import JSZip from 'jszip';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};
/** The work item types the demo organization's items have (DemoOrganization), as the organization lists them. */
const ORG_WORK_ITEM_TYPES = [
  { name: 'User Story', isDisabled: false }, { name: 'Bug', isDisabled: false }, { name: 'Task', isDisabled: false },
  { name: 'Spike', isDisabled: false }, { name: 'Retired Type', isDisabled: true },
];

/** The demo project's teams (the backend's DemoOrganization.TEAMS), each with the one area path it owns. */
export const DEMO_TEAMS = [
  { id: '5a3f1c2e-7b8d-4e9f-a0b1-c2d3e4f5a6b7', name: 'Web Team', area: 'Fabrikam Fiber\\Web' },
  { id: '6b4a2d3f-8c9e-4fa0-b1c2-d3e4f5a6b7c8', name: 'Mobile Team', area: 'Fabrikam Fiber\\Mobile' },
  { id: '7c5b3e4a-9daf-4ab1-82d3-e4f5a6b7c8d9', name: 'Platform Team', area: 'Fabrikam Fiber\\Platform' },
];
const TEAM_AREAS = Object.fromEntries(DEMO_TEAMS.map(t => [t.id, t.area]));

const HARNESS_HTML = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Azure DevOps (harness)</title></head>'
  + '<body><script src="/harness.js"></script></body></html>';

async function readPackage(vsix) {
  const zip = await JSZip.loadAsync(readFileSync(vsix));
  const files = new Map();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) {
      files.set(entry.name, await entry.async('nodebuffer'));
    }
  }
  if (!files.has('dist/hub.html') || !files.has('dist/lib/flowtrack-dashboard.js')) {
    throw new Error(`${vsix} holds no extension pages (dist/hub.html, dist/lib/flowtrack-dashboard.js)`);
  }
  return files;
}

async function bundleHarness(harness) {
  const sdk = resolve(harness, '../../../node_modules/azure-devops-extension-sdk');
  if (!existsSync(sdk)) {
    throw new Error(`the harness needs the extension's SDK at ${sdk} (build azdo-extension first: npm ci there)`);
  }
  const out = await build({ entryPoints: [harness], bundle: true, format: 'iife', write: false, logLevel: 'warning' });
  return out.outputFiles[0].text;
}

function listen(handler) {
  const server = createServer(handler);
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/** The package entry a /ext/ path names, or null (a malformed escape names none). */
function packageFile(path) {
  try {
    return decodeURIComponent(path.slice('/ext/'.length));
  } catch {
    return null;
  }
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/**
 * @param {{vsix: string, harness: string}} paths the built package and the harness source
 * @returns {Promise<{origin: string, otherOrigin: string, useBackend(url: string): void, close(): Promise<void>}>}
 */
export async function startExtensionPages({ vsix, harness }) {
  const files = await readPackage(vsix);
  const harnessJs = await bundleHarness(harness);
  let backendUrl = null;
  let pagesOrigin = null;

  const pages = (req, res, path) => {
    if (req.method !== 'GET') {
      send(res, 405, 'text/plain', 'GET only');
    } else if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else if (path === '/harness.html') {
      send(res, 200, TYPES['.html'], HARNESS_HTML);
    } else if (path === '/harness.js') {
      send(res, 200, TYPES['.js'], harnessJs);
    } else if (path === '/ext/dist/flowtrack-config.json') {
      // The package names the backend chosen at packaging time; here it is the one started for this run.
      send(res, 200, TYPES['.json'], JSON.stringify({ backendUrl }));
    } else if (path.startsWith('/ext/') && files.has(packageFile(path))) {
      const name = packageFile(path);
      send(res, 200, TYPES[extname(name)] ?? 'application/octet-stream', files.get(name));
    } else {
      send(res, 404, 'text/plain', 'not found');
    }
  };

  const ext = await listen((req, res) => pages(req, res, new URL(req.url, 'http://x').pathname));
  pagesOrigin = ext.origin;
  const other = await listen((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const teamSettings = /^\/org\/[^/]+\/[^/]+\/_apis\/work\/teamsettings\/teamfieldvalues$/i.test(path);
    if (!teamSettings && !/^\/org\/[^/]+\/_apis\/wit\/workitemtypes$/i.test(path)) {
      pages(req, res, path);
      return;
    }
    // Azure DevOps answers its REST API to the extension's origin, with whatever headers its client asks for.
    const cors = req.headers.origin === pagesOrigin ? { 'Access-Control-Allow-Origin': pagesOrigin, Vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET',
        'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '') });
      res.end();
    } else if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ''))) {
      send(res, 401, TYPES['.json'], JSON.stringify({ message: 'TF400813: not authorized' }), cors);
    } else if (teamSettings) {
      // The demo project's teams (DemoOrganization.TEAMS) own one area each; the harness's team (its web context's,
      // as on a team dashboard) owns the whole area tree.
      const team = decodeURIComponent(path.split('/')[3]);
      const area = TEAM_AREAS[team];
      send(res, 200, TYPES['.json'], JSON.stringify({ field: { referenceName: 'System.AreaPath' },
        defaultValue: area ?? 'Fabrikam Fiber', values: [{ value: area ?? 'Fabrikam Fiber', includeChildren: true }] }), cors);
    } else {
      // The REST client asks for noArrayWrap in its Accept header and then gets the bare list.
      const bare = String(req.headers.accept).includes('noArrayWrap=true');
      send(res, 200, TYPES['.json'], JSON.stringify(bare ? ORG_WORK_ITEM_TYPES
        : { count: ORG_WORK_ITEM_TYPES.length, value: ORG_WORK_ITEM_TYPES }), cors);
    }
  });

  const close = server => new Promise(done => { server.closeAllConnections(); server.close(() => done()); });
  return {
    origin: ext.origin,
    otherOrigin: other.origin,
    useBackend(url) { backendUrl = url; },
    async close() { await Promise.all([close(ext.server), close(other.server)]); },
  };
}
