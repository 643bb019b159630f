import * as SDK from 'azure-devops-extension-sdk';
import { flowTrackBundle } from '../contract.js';
import { widgetByKey } from '../widgets/catalog.js';
import { createWidget } from '../widgets/widget.js';
import type { AzdoHost } from '../host/azdoHost.js';
import { connectHost, followTheme, once, pageRoot } from './boot.js';

/** A dashboard widget page; which widget comes from <body data-widget="…">. */
const def = widgetByKey(document.body.dataset.widget);
const widget = createWidget(def, {
  root: pageRoot(), host: once(connectHost), bundle: () => flowTrackBundle(),
  scopeToTeam: async (host, team) => {
    const azdo = host as AzdoHost;
    if (typeof team !== 'string') {
      await azdo.useTeam(team.id); // a team chosen by name in the configuration
      return;
    }
    const context = team === 'dashboard' ? azdo.contextTeam() : null;
    await azdo.useTeam(context ? context.id : null); // no team in the context: the whole project
  },
});

// The dashboard looks the widget up by contribution id: register under the relative id now (local registry)
// and, once the handshake says it, under the full id too.
SDK.register(def.contributionId, widget);
followTheme();
void SDK.init({ applyTheme: true }).then(() => SDK.register(SDK.getContributionId(), widget));
