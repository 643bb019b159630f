// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { FieldSettingsState } from '../src/host/azdoHost.js';
import { fieldProblem, mountFieldSettings, readFields } from '../src/pages/fieldSettings.js';

class FakeApi {
  state: FieldSettingsState = { fields: ['Custom.Risk'], titles: false, maxFields: 10 };
  puts: string[][] = [];
  failPut: Error | null = null;
  async getFields(): Promise<FieldSettingsState> {
    return this.state;
  }
  async putFields(fields: string[]): Promise<FieldSettingsState> {
    this.puts.push(fields);
    if (this.failPut) throw this.failPut;
    const before = this.state.fields;
    this.state = {
      fields: [...fields].sort(), titles: false, maxFields: 10,
      added: fields.filter((f) => !before.includes(f)), removed: before.filter((f) => !fields.includes(f)), valuesDeleted: 3,
    };
    return this.state;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('organization settings: filters by tags and extended fields', () => {
  it('refuses what the backend refuses: not a reference name, the title, people, long text', () => {
    expect(fieldProblem('Custom.Risk')).toBeNull();
    expect(fieldProblem('Microsoft.VSTS.Common.Priority')).toBeNull();
    for (const bad of ['Risk', 'System.Title', 'system.assignedto', 'System.Description', 'Custom.Risk; x']) {
      expect(fieldProblem(bad)).not.toBeNull();
    }
    expect(readFields(true, 'Custom.Risk\n\nCustom.Risk\n', 10)).toEqual({ fields: ['System.Tags', 'Custom.Risk'] });
    expect(readFields(false, Array.from({ length: 11 }, (_, i) => `Custom.F${i}`).join('\n'), 10)).toHaveProperty('problems');
  });

  it('shows the organization\'s fields, saves the admin\'s choice and says what was turned off and deleted', async () => {
    const container = document.createElement('section');
    container.id = 'field-settings';
    document.body.append(container);
    const api = new FakeApi();
    await mountFieldSettings(container, api);
    const tags = container.querySelector<HTMLInputElement>('#ft-fields-tags')!;
    const other = container.querySelector<HTMLTextAreaElement>('#ft-fields-other')!;
    expect(tags.checked).toBe(false);
    expect(other.value).toBe('Custom.Risk');

    tags.checked = true;
    other.value = '';
    container.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    await flush();
    expect(api.puts).toEqual([['System.Tags']]);
    const status = container.querySelector('.ft-status')!.textContent!;
    expect(status).toContain('turned on: System.Tags');
    expect(status).toContain('turned off: Custom.Risk (3 stored values deleted)');
  });

  it('sends nothing while the form has a problem, and shows a refusal from the backend', async () => {
    const container = document.createElement('div');
    const api = new FakeApi();
    await mountFieldSettings(container, api);
    container.querySelector<HTMLTextAreaElement>('#ft-fields-other')!.value = 'System.AssignedTo';
    container.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(api.puts).toEqual([]);
    expect(container.querySelector('.ft-problems')!.textContent).toContain('System.AssignedTo');

    api.failPut = new Error('only an organization administrator may change this');
    container.querySelector<HTMLTextAreaElement>('#ft-fields-other')!.value = 'Custom.Risk';
    container.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    await flush();
    expect(container.querySelector('.ft-problems')!.textContent).toContain('only an organization administrator');
  });
});
