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
  constructor(private readonly current: unknown) {}
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (method === 'GET' && path === `/projects/${PROJECT}/workflow-draft`) {
      return { types: TYPES, draft: { stages: STAGES, commitmentStage: 'Doing', startPolicy: 'first', sleDays: null,
        slePercentile: null }, current: this.current } as T;
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

async function mount(current: unknown) {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const backend = new FakeBackend(current);
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

  it('shows the stored tag and saves the CMMI field or another tag as chosen', async () => {
    const { q, backend, save } = await mount({ stages: STAGES, commitmentStage: 'Doing', startPolicy: 'first',
      sleDays: 10, slePercentile: 85, calendar: { workingDays: ['MONDAY', 'TUESDAY'], holidays: [] },
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
    const first = backend.puts[0] as { blocked: unknown; calendar: unknown; sleDays: number };
    expect(first.blocked).toEqual({ source: 'field' });
    expect(first.calendar).toEqual({ workingDays: ['MONDAY', 'TUESDAY'], holidays: [] });
    expect(first.sleDays).toBe(10);

    source.value = 'tag';
    source.dispatchEvent(new Event('change'));
    tag.value = '  On hold ';
    await save();
    expect((backend.puts[1] as { blocked: unknown }).blocked).toEqual({ source: 'tag', tag: 'On hold' });
    expect(q('#workflow-status').textContent).toMatch(/^Saved/);
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
