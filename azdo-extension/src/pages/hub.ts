import * as SDK from 'azure-devops-extension-sdk';
import { flowTrackBundle } from '../contract.js';
import { mountTeamChoice } from '../hub/teamChoice.js';
import { connectHost, followTheme, pageRoot, showProblem } from './boot.js';

/** Resolves after the browser has laid out and painted the page once. */
function laidOut(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * The Boards hub: the full dashboard of the current project, or of the team chosen above it. Azure DevOps is told the page has loaded as soon as
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
    // The "Team" choice above the dashboard: applied before the first report, saved with the controls.
    const bar = document.createElement('div');
    const dashboard = document.createElement('div');
    root.replaceChildren(bar, dashboard);
    const teams = await mountTeamChoice(bar, {
      listTeams: () => host.listTeams(),
      contextTeam: () => host.contextTeam(),
      loadTeamChoice: () => host.loadTeamChoice(),
      saveTeamChoice: (c) => host.saveTeamChoice(c),
      useTeam: (id) => host.useTeam(id),
    });
    const mounted = await flowTrackBundle().mountDashboard(dashboard, host);
    teams.onChange(() => mounted.refresh());
  } catch (e) {
    showProblem(root, e);
  }
}

void main();
