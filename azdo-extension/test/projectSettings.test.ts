// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mountProjectSettings } from '../src/admin/projectSettingsView.js';
import type { BackendClient } from '../src/host/backendClient.js';

const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const STAGES = [{ name: 'To do', category: 'proposed', states: ['New'] }, { name: 'Doing', category: 'active', states: ['Active'] },
  { name: 'Done', category: 'done', states: ['Closed'] }];
const TYPES = [{ name: 'Bug', states: [{ name: 'New', category: 'Proposed' }, { name: 'Active', category: 'InProgress' },
  { name: 'Closed', category: 'Completed' }] }];

/** The backend as the page sees it: the workflow draft, and PUT …/config recorded (or refused with a message). */
class FakeBackend {
  puts: unknown[] = [];
  refuse: string | null = null;
  constructor(private readonly current: unknown, private readonly blockedFieldInProcess?: boolean | null) {}
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (method === 'GET' && path === `/projects/${PROJECT}/workflow-draft`) {
      return { types: TYPES, blockedFieldInProcess: this.blockedFieldInProcess, draft: { stages: STAGES, commitmentStage: 'Doing', startPolicy: 'first', sle: null }, current: this.current } as T;
    }
    if (method === 'PUT' && path === `/projects/${PROJECT}/config`) {
      this.puts.push(structuredClone(body));
      if (this.refuse) throw new Error(this.refuse);
      return body as T;
    }
    throw new Error(`unexpected ${method} ${path}`);
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

async function mount(current: unknown, blockedFieldInProcess?: boolean | null) {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const backend = new FakeBackend(current, blockedFieldInProcess);
  await mountProjectSettings(root, backend as unknown as BackendClient, PROJECT);
  const q = <E extends Element>(sel: string) => root.querySelector<E>(sel)!;
  const save = async () => { q<HTMLButtonElement>('#save-workflow').click(); await flush(); await flush(); };
  return { root, backend, q, save };
}

describe('project settings: blocked work', () => {
  it('a draft tracks no blocked work; the tag field waits, hidden, with the default tag', async () => {
    const { q, backend, save } = await mount(null);
    expect(q('#blocked-section h2').textContent).toBe('Blocked work');
    expect(q<HTMLSelectElement>('#blocked-source').value).toBe('none');
    expect([...q<HTMLSelectElement>('#blocked-source').options].map((o) => o.value)).toEqual(['none', 'field', 'tag']);
    expect(q<HTMLElement>('#blocked-tag-field').hidden).toBe(true);
    expect(q<HTMLInputElement>('#blocked-tag').value).toBe('Blocked');
    await save();
    expect(backend.puts).toHaveLength(1);
    expect((backend.puts[0] as { blocked: unknown }).blocked).toEqual({ source: 'none' });
  });

  it('keeps a calendar only when asked: a draft saves none, a ticked box saves its weekdays and dates', async () => {
    const { q, backend, save } = await mount(null);
    const use = q<HTMLInputElement>('#use-calendar');
    expect(use.checked).toBe(false);
    expect(q<HTMLElement>('#calendar-fields').hidden).toBe(true);
    await save();
    expect((backend.puts[0] as { calendar: unknown }).calendar).toBeNull();
    use.checked = true;
    use.dispatchEvent(new Event('change'));
    expect(q<HTMLElement>('#calendar-fields').hidden).toBe(false);
    q<HTMLTextAreaElement>('#holidays').value = '2026-12-25\n2026-12-26';
    await save();
    expect((backend.puts[1] as { calendar: unknown }).calendar).toEqual({
      workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], holidays: ['2026-12-25', '2026-12-26'] });
  });

  it('shows the stored tag and saves the CMMI field or another tag as chosen', async () => {
    const { q, backend, save } = await mount({ stages: STAGES, commitmentStage: 'Doing', startPolicy: 'first',
      sle: { days: 10, percentile: 85 }, calendar: { workingDays: ['MONDAY', 'TUESDAY'], holidays: [] },
      blocked: { source: 'tag', tag: 'Waiting' } });
    const source = q<HTMLSelectElement>('#blocked-source');
    const tag = q<HTMLInputElement>('#blocked-tag');
    expect(source.value).toBe('tag');
    expect(q<HTMLElement>('#blocked-tag-field').hidden).toBe(false);
    expect(tag.value).toBe('Waiting');

    source.value = 'field';
    source.dispatchEvent(new Event('change'));
    expect(q<HTMLElement>('#blocked-tag-field').hidden).toBe(true);
    await save();
    const first = backend.puts[0] as { blocked: unknown; calendar: unknown; sle: { days: number; percentile: number | null } };
    expect(first.blocked).toEqual({ source: 'field' });
    expect(first.calendar).toEqual({ workingDays: ['MONDAY', 'TUESDAY'], holidays: [] }); // a stored calendar stays
    expect(first.sle).toEqual({ days: 10, percentile: 85 });

    source.value = 'tag';
    source.dispatchEvent(new Event('change'));
    tag.value = '  On hold ';
    await save();
    expect((backend.puts[1] as { blocked: unknown }).blocked).toEqual({ source: 'tag', tag: 'On hold' });
    expect(q('#workflow-status').textContent).toMatch(/^Saved/);
  });

  it('warns when the CMMI field is chosen on a process without it, and only then', async () => {
    for (const [inProcess, warned] of [[false, true], [true, false], [null, false], [undefined, false]] as const) {
      const { q } = await mount(null, inProcess);
      const source = q<HTMLSelectElement>('#blocked-source');
      const warning = q<HTMLElement>('#blocked-field-missing');
      expect(warning.hidden).toBe(true); // none chosen yet
      source.value = 'field';
      source.dispatchEvent(new Event('change'));
      expect(warning.hidden, String(inProcess)).toBe(!warned);
      if (warned) expect(warning.textContent).toMatch(/no Microsoft\.VSTS\.CMMI\.Blocked field.*Choose a tag/);
      source.value = 'tag';
      source.dispatchEvent(new Event('change'));
      expect(warning.hidden).toBe(true);
    }
  });

  it('a tag the backend refuses is not saved, and the page says why', async () => {
    const { q, backend, save } = await mount(null);
    const source = q<HTMLSelectElement>('#blocked-source');
    source.value = 'tag';
    source.dispatchEvent(new Event('change'));
    q<HTMLInputElement>('#blocked-tag').value = 'a;b';
    backend.refuse = "blocked.tag: one tag, without ';' (Azure DevOps separates tags with it)";
    await save();
    expect((backend.puts[0] as { blocked: unknown }).blocked).toEqual({ source: 'tag', tag: 'a;b' });
    const status = q('#workflow-status');
    expect(status.textContent).toContain('Not saved, the previous configuration stays');
    expect(status.textContent).toContain('blocked.tag');
    expect(status.getAttribute('role')).toBe('alert');
  });
});
