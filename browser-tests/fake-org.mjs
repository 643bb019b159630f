// A stand-in Azure DevOps organization for the settings pages' browser tests, on a free loopback port: the REST
// answers the backend asks for when an admin connects, syncs and maps a workflow (shaped like
// ../shared/azure-devops-examples and the backend's own FakeAzureDevOps), and the project list the organization
// settings page reads with the page's token (CORS for the extension's origin, as Azure DevOps answers it).
// A test steers it through /_control/* (users, admins, holding a revisions page to watch a sync in progress).
//
//   user's access token (Bearer):   /{org}/_apis/connectionData, /{org}/_apis/projects[/{id}]
//   organization PAT (Basic :pat):  /{org}/_apis/projects, /{org}/_apis/identities,
//                                   /{org}/{project}/_apis/wit/workitemtypes[/{t}/states],
//                                   /{org}/{project}/_apis/wit/reporting/workitemrevisions (pages of PAGE_SIZE)
import { createServer } from 'node:http';

export const ORG = 'fabrikam';
/** The organization the settings pages' tests connect: not the backend demo's own organization. */
export const ADMIN_ORG = {
  organizationId: '0f0f0f0f-0000-4000-8000-00000000ad01',
  projects: [{ id: '7d1c1c1e-0000-4000-8000-0000000000a1', name: 'Fiber' }],
  pat: 'browser-test-organization-pat',
};
export const PAGE_SIZE = 10;
const PCA = 'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-4-0-0-0-0-1';
const VALID = 'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-4-0-0-0-0-3';

/** @param {{organizationId: string, projects: Array<{id: string, name: string}>, pat: string, allowOrigin: string}} o */
export async function startFakeOrg({ organizationId, projects, pat, allowOrigin }) {
  const users = new Map(); // access token → { id, admin }
  const states = [['New', 'Proposed'], ['Active', 'InProgress'], ['Resolved', 'Resolved'], ['Closed', 'Completed']];
  const revisions = new Map(projects.map(p => [p.id, generate(p.name, 12)]));
  let hold = null; // { page, release: Promise, open() }
  let revisionPages = 0;
  let projectListsByPat = 0;
  const basic = `Basic ${Buffer.from(`:${pat}`).toString('base64')}`;

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    const cors = req.headers.origin === allowOrigin ? { 'Access-Control-Allow-Origin': allowOrigin, Vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET',
        'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '') });
      res.end();
      return;
    }
    if (path.startsWith('/_control/')) {
      let body = '';
      for await (const chunk of req) body += chunk;
      const arg = body ? JSON.parse(body) : {};
      if (path === '/_control/user') users.set(arg.accessToken, { id: arg.userId, admin: !!arg.admin });
      else if (path === '/_control/hold') {
        let open;
        const release = new Promise(r => { open = r; });
        hold = { page: arg.page, release, open };
      } else if (path === '/_control/release') hold?.open();
      else if (path === '/_control/revisions') revisions.set(arg.projectId, generate(arg.projectId, arg.items));
      send(res, 200, { ok: true, revisionPages, projectListsByPat });
      return;
    }
    const auth = String(req.headers.authorization ?? '');
    const prefix = `/${ORG}/`;
    if (!path.startsWith(prefix)) {
      send(res, 404, { message: 'no such organization' });
      return;
    }
    const rest = path.slice(prefix.length).split('/');
    // ---- the project list with the organization's PAT (the backend's GET /api/v1/orgs/{org}/projects) ----
    if (rest[0] === '_apis' && rest[1] === 'projects' && rest.length === 2 && auth === basic) {
      projectListsByPat++;
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const top = Number(url.searchParams.get('$top') ?? 100);
      const page = projects.slice(skip, skip + top);
      send(res, 200, { count: page.length, value: page.map(p => ({ id: p.id, name: p.name, description: 'not kept',
        url: `http://x/_apis/projects/${p.id}`, state: 'wellFormed', visibility: 'private' })) });
      return;
    }
    // ---- with the user's access token ----
    if (rest[0] === '_apis' && (rest[1] === 'connectionData' || rest[1] === 'projects')) {
      const user = auth.startsWith('Bearer ') ? users.get(auth.slice(7)) : undefined;
      if (!user) {
        send(res, 401, { message: 'TF400813: not authorized' }, cors);
      } else if (rest[1] === 'connectionData') {
        send(res, 200, { authenticatedUser: { id: user.id, providerDisplayName: 'User' }, authorizedUser: { id: user.id },
          instanceId: organizationId, deploymentType: 'hosted' });
      } else if (rest.length === 2) {
        send(res, 200, { count: projects.length, value: projects.map(p => ({ id: p.id, name: p.name, state: 'wellFormed' })) }, cors);
      } else {
        const p = projects.find(x => x.id === rest[2]);
        send(res, p ? 200 : 404, p ? { id: p.id, name: p.name, state: 'wellFormed' } : { message: 'TF200016' });
      }
      return;
    }
    // ---- with the organization's PAT ----
    if (auth !== basic) {
      send(res, 401, { message: 'TF400813: The user is not authorized to access this resource.' });
      return;
    }
    if (rest[0] === '_apis' && rest[1] === 'identities') {
      const group = `[${ORG}]\\Project Collection Administrators`;
      if (url.searchParams.get('searchFilter') === 'General') {
        const hit = (url.searchParams.get('filterValue') ?? '').toLowerCase() === group.toLowerCase();
        send(res, 200, { count: hit ? 1 : 0, value: hit ? [{ id: 'group-pca', descriptor: PCA, providerDisplayName: group,
          isContainer: true, isActive: true }] : [] });
      } else {
        const ids = (url.searchParams.get('identityIds') ?? '').split(',');
        const found = [...users.values()].filter(u => ids.includes(u.id));
        send(res, 200, { count: found.length, value: found.map(u => ({ id: u.id, isContainer: false,
          memberOf: u.admin ? [VALID, PCA] : [VALID] })) });
      }
      return;
    }
    const project = projects.find(p => p.id === rest[0]);
    if (!project || rest[1] !== '_apis' || rest[2] !== 'wit') {
      send(res, 404, { message: 'no such resource' });
      return;
    }
    if (rest[3] === 'workitemtypes' && rest.length === 4) {
      send(res, 200, { count: 2, value: ['User Story', 'Bug'].map(name => ({ name, isDisabled: false,
        states: states.map(([s, category]) => ({ name: s, color: 'b2b2b2', category })) })) });
    } else if (rest[3] === 'reporting' && rest[4]?.toLowerCase() === 'workitemrevisions') {
      revisionPages++;
      const n = revisionPages;
      if (hold && hold.page === n) await hold.release;
      const all = revisions.get(project.id) ?? [];
      const token = url.searchParams.get('continuationToken');
      const from = token ? Number(token.slice(3)) : 0;
      const to = Math.min(all.length, from + PAGE_SIZE);
      send(res, 200, { values: all.slice(from, to), continuationToken: `wm-${to}`, isLastBatch: to >= all.length });
    } else {
      send(res, 404, { message: 'no such resource' });
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    organizationUrl: `${base}/${ORG}`,
    close: () => new Promise(done => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

/** `items` work items of the project, each New → Active → Closed: three revisions apiece. */
function generate(project, items) {
  const out = [];
  const start = Date.parse('2026-10-01T09:00:00Z');
  for (let i = 1; i <= items; i++) {
    const created = new Date(start + i * 3_600_000 * 20);
    ['New', 'Active', 'Closed'].forEach((state, k) => {
      const changed = new Date(created.getTime() + k * 86_400_000 * (1 + (i % 4)));
      const fields = {
        'System.Id': i, 'System.Rev': k + 1, 'System.AreaPath': `${project}\\Web`, 'System.TeamProject': String(project),
        'System.WorkItemType': i % 3 === 0 ? 'Bug' : 'User Story', 'System.State': state,
        'System.CreatedDate': created.toISOString(), 'System.ChangedDate': changed.toISOString(),
      };
      if (k >= 1) fields['Microsoft.VSTS.Common.ActivatedDate'] = new Date(created.getTime() + 86_400_000 * (1 + (i % 4))).toISOString();
      if (k === 2) fields['Microsoft.VSTS.Common.ClosedDate'] = changed.toISOString();
      out.push({ id: i, rev: k + 1, fields });
    });
  }
  // The revisions API delivers in change order.
  return out.sort((a, b) => Date.parse(a.fields['System.ChangedDate']) - Date.parse(b.fields['System.ChangedDate']));
}
