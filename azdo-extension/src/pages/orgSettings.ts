import * as SDK from 'azure-devops-extension-sdk';
import { listProjects } from '../admin/projectList.js';
import { mountOrgSettings } from '../admin/orgSettingsView.js';
import { loadExtensionConfig } from '../config/extensionConfig.js';
import { BackendClient } from '../host/backendClient.js';
import { realSdk } from '../host/realSdk.js';
import { CORE_AREA_ID, SERVICE_IDS, browserEnv, type LocationService } from '../host/sdkEdge.js';
import { pageRoot, showProblem } from './boot.js';

/** Organization settings → FlowTrack. */
async function main(): Promise<void> {
  const root = pageRoot();
  await SDK.init({ loaded: false, applyTheme: true });
  try {
    await realSdk.ready();
    const config = await loadExtensionConfig(window.fetch.bind(window), window.location.href);
    const host = realSdk.getHost();
    const client = new BackendClient(realSdk, browserEnv(window), config, host.id);
    await SDK.notifyLoadSucceeded();
    await mountOrgSettings(root, {
      client,
      organizationName: host.name,
      listProjects: () => listProjects(client, async () => {
        const locations = await realSdk.getService<LocationService>(SERVICE_IDS.location);
        const orgUrl = (await locations.getResourceAreaLocation(CORE_AREA_ID)).replace(/\/+$/, '');
        const res = await fetch(`${orgUrl}/_apis/projects?api-version=7.1&$top=200`, {
          headers: { Authorization: `Bearer ${await realSdk.getAccessToken()}`, Accept: 'application/json' },
          credentials: 'omit',
        });
        if (!res.ok) return null;
        const body = await res.json() as { value?: Array<{ id: string; name: string }> };
        return Array.isArray(body.value) ? body.value.map((p) => ({ id: p.id, name: p.name })) : null;
      }),
    });
  } catch (e) {
    showProblem(root, e);
    await SDK.notifyLoadSucceeded();
  }
}

void main();
