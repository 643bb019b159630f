import * as SDK from 'azure-devops-extension-sdk';
import type { SdkEdge } from './sdkEdge.js';

/** The real extension SDK as the adapter's SdkEdge (the only module besides the pages that imports the SDK). */
export const realSdk: SdkEdge = {
  ready: () => SDK.ready(),
  getHost: () => SDK.getHost(),
  getExtensionContext: () => SDK.getExtensionContext(),
  getWebContext: () => SDK.getWebContext(),
  getAppToken: () => SDK.getAppToken(),
  getAccessToken: () => SDK.getAccessToken(),
  getService: <T>(id: string) => SDK.getService<T>(id),
};
