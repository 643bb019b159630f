import { teamChoiceKey as value, type HubTeamChoice, type TeamArea, type TeamRef } from '../host/azdoHost.js';

/** What the hub's "Team" choice needs from the host adapter (AzdoHost) and the mounted dashboard. */
export interface TeamChoiceDeps {
  /** The project's teams (through the backend); rejected when they cannot be listed. */
  listTeams(): Promise<TeamRef[]>;
  /** The page's team (Azure DevOps' current team of the user), or null. */
  contextTeam(): TeamRef | null;
  loadTeamChoice(): Promise<HubTeamChoice | null>;
  saveTeamChoice(choice: HubTeamChoice): Promise<void>;
  /** Limits later reports to the team's area paths (null: the whole project). */
  useTeam(teamId: string | null): Promise<TeamArea[]>;
}

export interface TeamChoice {
  /** The choice the first report is made with (already applied by useTeam). */
  readonly current: HubTeamChoice;
  readonly select: HTMLSelectElement;
  /** Called after each applied change, to fetch the report again. */
  onChange(cb: () => Promise<void>): void;
}

const PROJECT: HubTeamChoice = { kind: 'project' };

function describe(areas: TeamArea[]): string {
  const shown = areas.slice(0, 3).map((a) => (a.includeChildren ? `${a.path} (and below)` : a.path)).join('; ');
  return `Area paths: ${shown}${areas.length > 3 ? ` and ${areas.length - 3} more` : ''}.`;
}

/**
 * The hub's "Team" choice, drawn into `bar`: "Whole project" and the project's teams (listed by the backend; when
 * they cannot be listed, the page's own team is still offered). It starts from the choice saved with the user's
 * controls, else the page's team when the project has it, else the whole project; applies it (the team's area paths
 * from its team settings) before the first report, and on every change saves it with the controls, applies it and
 * fetches the report again. A team that cannot be reported (defined by another field, no area paths, refused) is
 * said in words, and the hub goes back to the whole project.
 */
export async function mountTeamChoice(bar: HTMLElement, deps: TeamChoiceDeps): Promise<TeamChoice> {
  const doc = bar.ownerDocument;
  const select = doc.createElement('select');
  select.id = 'ft-team';
  const label = doc.createElement('label');
  label.htmlFor = select.id;
  label.textContent = 'Team';
  const note = doc.createElement('p');
  note.className = 'ft-team-note';
  note.id = 'ft-team-note';
  note.setAttribute('aria-live', 'polite');
  bar.classList.add('ft-team-bar');
  bar.replaceChildren(label, select, note);

  const [listed, saved] = await Promise.all([
    deps.listTeams().then((t) => t, () => null),
    deps.loadTeamChoice(),
  ]);
  const context = deps.contextTeam();
  const teams: TeamRef[] = [...(listed ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const known = (id: string) => teams.some((t) => t.id === id);
  // Without the backend's list, the teams the page knows of are still offered: its own, and the one saved.
  if (listed === null) {
    for (const t of [context, saved?.kind === 'team' ? saved : null]) {
      if (t && !known(t.id)) teams.push({ id: t.id, name: t.name });
    }
  }
  const option = (v: string, text: string) => {
    const o = doc.createElement('option');
    o.value = v;
    o.textContent = text;
    return o;
  };
  select.append(option('project', 'Whole project'),
    ...teams.map((t) => option(`team:${t.id}`, t.id === context?.id ? `${t.name} (your team)` : t.name)));
  const listing = listed === null
    ? 'The project\'s teams could not be listed; your own team and the whole project can still be chosen. ' : '';

  let current: HubTeamChoice = saved?.kind === 'team' && known(saved.id) ? saved
    : saved?.kind === 'project' ? PROJECT
      : context && known(context.id) ? { kind: 'team', id: context.id, name: context.name } : PROJECT;

  async function apply(choice: HubTeamChoice): Promise<HubTeamChoice> {
    try {
      const areas = await deps.useTeam(choice.kind === 'team' ? choice.id : null);
      note.textContent = listing + (choice.kind === 'team' ? describe(areas) : 'All work items of the project.');
      note.classList.remove('ft-team-problem');
      return choice;
    } catch (e) {
      await deps.useTeam(null);
      note.textContent = `${listing}${e instanceof Error ? e.message : String(e)} Showing the whole project.`;
      note.classList.add('ft-team-problem');
      return PROJECT;
    }
  }

  current = await apply(current);
  select.value = value(current);
  const listeners: Array<() => Promise<void>> = [];
  select.addEventListener('change', () => void (async () => {
    const picked = select.value;
    const team = teams.find((t) => `team:${t.id}` === picked);
    const wanted: HubTeamChoice = team ? { kind: 'team', id: team.id, name: team.name } : PROJECT;
    select.disabled = true;
    try {
      current = await apply(wanted);
      select.value = value(current);
      try {
        await deps.saveTeamChoice(current);
      } catch (e) {
        note.textContent = `${note.textContent ?? ''} ${e instanceof Error ? e.message : String(e)}`.trim();
      }
      for (const cb of listeners) await cb();
    } finally {
      select.disabled = false;
    }
  })());

  return {
    get current() { return current; },
    select,
    onChange(cb) { listeners.push(cb); },
  };
}
