/**
 * The slice of the Azure DevOps extension SDK (and the host services it reaches) that FlowTrack uses. The adapter
 * takes it as a parameter: the pages pass the real SDK (realSdk.ts), tests pass a fake. Service ids are string
 * literals because CommonServiceIds is a const enum, which isolated-module builds cannot inline.
 */
export const SERVICE_IDS = {
  projectPage: 'ms.vss-tfs-web.tfs-page-data-service',
  location: 'ms.vss-features.location-service',
  extensionData: 'ms.vss-features.extension-data-service',
  /** CommonServiceIds.HostNavigationService (azure-devops-extension-api Common/CommonServices). */
  hostNavigation: 'ms.vss-features.host-navigation-service',
} as const;

/** Resource area of Core: its location is the organization (collection) URL. */
export const CORE_AREA_ID = '79134c72-4a58-4b42-976c-04e7115f32bf';

export interface ProjectInfo {
  id: string;
  name: string;
}

export interface ProjectPageService {
  getProject(): Promise<ProjectInfo | undefined>;
}

export interface LocationService {
  getResourceAreaLocation(resourceAreaId: string): Promise<string>;
}

/** The part of IHostNavigationService used: opens a URL in a new window of the host page (not of the frame). */
export interface HostNavigationService {
  openNewWindow(url: string, features: string): void;
}

export interface DocumentOptions {
  scopeType?: 'Default' | 'User';
}

export interface ExtensionDataManager {
  getValue<T>(key: string, options?: DocumentOptions): Promise<T>;
  setValue<T>(key: string, value: T, options?: DocumentOptions): Promise<T>;
}

export interface ExtensionDataService {
  getExtensionDataManager(extensionId: string, accessToken: string): Promise<ExtensionDataManager>;
}

export interface SdkEdge {
  ready(): Promise<void>;
  getHost(): { id: string; name: string };
  getExtensionContext(): { id: string };
  /** `team` is the page's team (a team dashboard's), when it has one. */
  getWebContext(): { project?: { id: string; name: string }; team?: { id: string; name: string } };
  getAppToken(): Promise<string>;
  getAccessToken(): Promise<string>;
  getService<T>(contributionId: string): Promise<T>;
}

/** What the adapter needs from the page around it (the browser's, or a test's). */
export interface PageEnv {
  fetch: typeof fetch;
  /** Subscribes to the SDK's window event "themeApplied" (detail: the theme's CSS variables). */
  onThemeApplied(listener: (themeVariables: Record<string, string> | undefined) => void): void;
  /** The current value of the CSS variable --background-color. */
  backgroundColor(): string;
  now(): number;
  /** The user's IANA time zone. */
  timeZone(): string;
  warn(message: string): void;
}

/** The browser as a PageEnv. */
export function browserEnv(win: Window): PageEnv {
  return {
    fetch: win.fetch.bind(win),
    onThemeApplied(listener) {
      win.addEventListener('themeApplied', (e) => listener((e as CustomEvent<Record<string, string>>).detail));
    },
    backgroundColor: () => win.getComputedStyle(win.document.documentElement).getPropertyValue('--background-color'),
    now: () => Date.now(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    warn: (message) => console.warn(`FlowTrack: ${message}`),
  };
}
