// Plays Azure DevOps around one extension page, in the browser, with the SDK's own XDM channel: the handshake
// (context, theme), app and access tokens, the project page, location and extension data services, and calls into
// the page's registered widget or configuration object. Set up by the test through window.__harnessSetup.
// Also used by browser-tests/ (the packaged extension against the real backend), which bundles this file.
// The SDK exports no XDM entry point, so its module is imported from node_modules by path.
import { channelManager } from '../../node_modules/azure-devops-extension-sdk/esm/XDM.js';

interface Setup {
  page: string;
  contributionId: string;
  appToken: string;
  /** App tokens handed out before `appToken`, one per getAppToken call (e.g. one the backend refuses). */
  earlierAppTokens?: string[];
  accessToken: string;
  organizationId: string;
  organizationUrl: string;
  project: { id: string; name: string };
  /** The user's extension data documents when the page is first opened; kept for the tab (reloads) after that. */
  saved: Record<string, unknown>;
  theme: Record<string, string>;
  /** The iframe's size: a widget's is its grid size (2x2 = 330x330 px). */
  frame: { width: number; height: number };
}

interface HarnessWindow extends Window {
  __harnessSetup: Setup;
  __harness: {
    handshakes: unknown[];
    loaded: boolean;
    loadFailed: unknown;
    notifications: Array<{ event: string; data: unknown }>;
    saved: Record<string, unknown>;
    appTokenCalls: number;
    call(method: string, args: unknown[]): Promise<unknown>;
    callWithContext(method: string, settings: unknown): Promise<unknown>;
    dispatchTheme(theme: Record<string, string>): Promise<unknown>;
  };
}

const w = window as unknown as HarnessWindow;
const setup = w.__harnessSetup;
const extensionId = 'flowtrack.flowtrack-dev';
const fullContributionId = `${extensionId}.${setup.contributionId}`;

const iframe = document.createElement('iframe');
iframe.id = 'extension';
iframe.style.width = `${setup.frame.width}px`;
iframe.style.height = `${setup.frame.height}px`;
iframe.style.border = '0';
document.body.append(iframe);
const channel = channelManager.addChannel(iframe.contentWindow!, window.location.origin);

// Extension data outlives the page like Azure DevOps' document store does: kept in the tab's session storage, so a
// reload of the page finds what was saved before it.
const STORE_KEY = 'harness.extensionData';
const stored = sessionStorage.getItem(STORE_KEY);
const earlierAppTokens = [...(setup.earlierAppTokens ?? [])];

const state: HarnessWindow['__harness'] = {
  handshakes: [],
  loaded: false,
  loadFailed: null,
  notifications: [],
  saved: stored ? JSON.parse(stored) as Record<string, unknown> : { ...setup.saved },
  appTokenCalls: 0,
  call: (method, args) => channel.invokeRemoteMethod(method, fullContributionId, args),
  callWithContext: (method, settings) => channel.invokeRemoteMethod(method, fullContributionId, [settings, {
    notify: (event: string, args: { data: unknown }) => {
      state.notifications.push({ event, data: args.data });
      return Promise.resolve({});
    },
  }]),
  dispatchTheme: (theme) => channel.invokeRemoteMethod('dispatchEvent', 'DevOps.SdkClient', ['themeChanged', { detail: { data: theme } }]),
};
w.__harness = state;

channel.getObjectRegistry().register('DevOps.HostControl', {
  initialHandshake(options: unknown) {
    state.handshakes.push(options);
    return {
      contributionId: fullContributionId,
      initialConfig: {},
      themeData: setup.theme,
      context: {
        extension: { id: extensionId, publisherId: 'flowtrack', extensionId: 'flowtrack-dev', version: '0.1.0' },
        user: { id: 'user-1', name: 'ada@example.com', displayName: 'Ada', descriptor: 'aad.x', imageUrl: '' },
        host: { id: setup.organizationId, name: 'fabrikam', serviceVersion: 'test', type: 4, isHosted: true },
        pageContext: {
          webContext: { project: setup.project, team: { id: 'team-1', name: 'Team' } },
          globalization: { culture: 'en-US', explicitTheme: '', theme: 'light', timeZoneId: 'UTC', timezoneOffset: 0, typeAheadDisabled: false },
        },
      },
    };
  },
  getAppToken: () => {
    state.appTokenCalls += 1;
    return { token: earlierAppTokens.shift() ?? setup.appToken };
  },
  getAccessToken: () => ({ token: setup.accessToken }),
  notifyLoadSucceeded: () => { state.loaded = true; },
  notifyLoadFailed: (e: unknown) => { state.loadFailed = e; },
  resize: () => {},
});

channel.getObjectRegistry().register('DevOps.ServiceManager', {
  getService(id: string) {
    switch (id) {
      case 'ms.vss-tfs-web.tfs-page-data-service':
        return { getProject: () => Promise.resolve(setup.project) };
      case 'ms.vss-features.location-service':
        return { getResourceAreaLocation: () => Promise.resolve(setup.organizationUrl) };
      case 'ms.vss-features.extension-data-service':
        return {
          getExtensionDataManager: () => Promise.resolve({
            getValue: (key: string) => (key in state.saved
              ? Promise.resolve(state.saved[key])
              : Promise.reject({ status: 404, message: `document ${key} does not exist` })),
            setValue: (key: string, value: unknown) => {
              state.saved[key] = value;
              sessionStorage.setItem(STORE_KEY, JSON.stringify(state.saved));
              return Promise.resolve(value);
            },
          }),
        };
      default:
        return Promise.reject(new Error(`no service ${id} in the harness`));
    }
  },
});

iframe.src = `/ext/dist/${setup.page}.html`;
