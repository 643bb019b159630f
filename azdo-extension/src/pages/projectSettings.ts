import * as SDK from 'azure-devops-extension-sdk';
import { mountProjectSettings } from '../admin/projectSettingsView.js';
import { loadExtensionConfig } from '../config/extensionConfig.js';
import { BackendClient } from '../host/backendClient.js';
import { realSdk } from '../host/realSdk.js';
import { SERVICE_IDS, browserEnv, type ProjectPageService } from '../host/sdkEdge.js';
import { pageRoot, showProblem } from './boot.js';

/** Project settings → FlowTrack: the project's workflow. */
async function main(): Promise<void> {
  const root = pageRoot();
  await SDK.init({ loaded: false, applyTheme: true });
  try {
    await realSdk.ready();
    const config = await loadExtensionConfig(window.fetch.bind(window), window.location.href);
    const pages = await realSdk.getService<ProjectPageService>(SERVICE_IDS.projectPage);
    const project = (await pages.getProject()) ?? realSdk.getWebContext().project;
    if (!project?.id) throw new Error('Open FlowTrack from a project\'s settings: this page has no project.');
    const client = new BackendClient(realSdk, browserEnv(window), config, realSdk.getHost().id);
    await SDK.notifyLoadSucceeded();
    await mountProjectSettings(root, client, project.id);
  } catch (e) {
    showProblem(root, e);
    await SDK.notifyLoadSucceeded();
  }
}

void main();
