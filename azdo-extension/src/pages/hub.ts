import * as SDK from 'azure-devops-extension-sdk';
import { flowTrackBundle } from '../contract.js';
import { connectHost, followTheme, pageRoot, showProblem } from './boot.js';

/** Resolves after the browser has laid out and painted the page once. */
function laidOut(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * The Boards hub: the full dashboard of the current project. Azure DevOps is told the page has loaded as soon as
 * its frame is laid out (its spinner then gives way to the dashboard's own loading states), not after the first
 * report, which can take seconds.
 */
async function main(): Promise<void> {
  const root = pageRoot();
  await SDK.init({ loaded: false, applyTheme: true });
  followTheme();
  await laidOut();
  await SDK.notifyLoadSucceeded();
  try {
    const host = await connectHost();
    await flowTrackBundle().mountDashboard(root, host);
  } catch (e) {
    showProblem(root, e);
  }
}

void main();
