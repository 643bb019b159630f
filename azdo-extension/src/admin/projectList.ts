import type { BackendClient } from '../host/backendClient.js';

export interface ProjectRef {
  id: string;
  name: string;
}

function refs(list: unknown): ProjectRef[] | null {
  if (!Array.isArray(list)) return null;
  return list.filter((p): p is ProjectRef => typeof p?.id === 'string' && typeof p?.name === 'string')
    .map((p) => ({ id: p.id, name: p.name }));
}

/**
 * The organization's projects for the connect form. A connected organization: through the backend, with its stored
 * credential (`GET /api/v1/orgs/{org}/projects`, admins only; Projects - List needs scope vso.project, which the
 * page's token lacks). Before the first connect, or when the backend cannot: the page's own listing (`pageListing`,
 * with the page's vso.work token, which a real organization may refuse); null when neither works (the page then
 * asks for project ids).
 */
export async function listProjects(client: Pick<BackendClient, 'request'>,
  pageListing: () => Promise<ProjectRef[] | null>): Promise<ProjectRef[] | null> {
  try {
    const listed = refs((await client.request<{ projects?: unknown }>('GET', '/projects')).projects);
    if (listed) return listed;
  } catch {
    // not connected yet, or the backend could not list them: the page's own listing
  }
  try {
    return await pageListing();
  } catch {
    return null;
  }
}
