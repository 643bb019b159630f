import * as SDK from 'azure-devops-extension-sdk';
import { getClient } from 'azure-devops-extension-api';
import { WorkItemTrackingRestClient } from 'azure-devops-extension-api/WorkItemTracking';
import { widgetByKey } from '../widgets/catalog.js';
import { createConfiguration } from '../widgets/configView.js';
import { connectHost, followTheme, once, pageRoot } from './boot.js';

/** A widget's configuration page; which widget comes from <body data-widget="…">. */
const def = widgetByKey(document.body.dataset.widget);
const host = once(connectHost);

const configuration = createConfiguration(def, {
  root: pageRoot(),
  async workItemTypes() {
    const { project } = await host();
    const types = await getClient(WorkItemTrackingRestClient).getWorkItemTypes(project.id);
    return types.filter((t) => !t.isDisabled).map((t) => t.name);
  },
  today: () => new Intl.DateTimeFormat('en-CA').format(new Date()),
  // The project's teams through the backend (Teams - Get Teams needs vso.project, which the extension does not ask).
  teams: async () => (await host()).listTeams(),
});

const registered = {
  load: async (...args: Parameters<typeof configuration.load>) => {
    const status = await configuration.load(...args);
    SDK.resize();
    return status;
  },
  onSave: () => configuration.onSave(),
};
SDK.register(def.configurationId, registered);
followTheme();
void SDK.init({ applyTheme: true }).then(() => SDK.register(SDK.getContributionId(), registered));
