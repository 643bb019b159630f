import * as SDK from 'azure-devops-extension-sdk';
import { flowTrackBundle } from '../contract.js';
import { connectHost, pageRoot, showProblem } from './boot.js';

/** The Boards hub: the full dashboard of the current project. */
async function main(): Promise<void> {
  const root = pageRoot();
  await SDK.init({ loaded: false, applyTheme: true });
  try {
    const host = await connectHost();
    await flowTrackBundle().mountDashboard(root, host);
  } catch (e) {
    showProblem(root, e);
  }
  await SDK.notifyLoadSucceeded();
}

void main();
