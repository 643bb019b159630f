/**
 * The shared dashboard bundle's contract, imported (types only) from the dashboard module `web/` (artifact
 * io.flowtrack:flowtrack-web): one definition for every host. The bundle itself is not compiled into this
 * extension: the pages load its IIFE build (`flowtrack-dashboard.js`, global `FlowTrack`) taken from the Maven
 * artifact. The one control normaliser is web's too (`@flowtrack/web/controls`, bundled into the pages).
 */
import type { FlowTrackApi } from '@flowtrack/web/types';

export type {
  ChartKind, Controls, FlowHost, HostError, HostErrorKind, Mounted, ReportQuery, Theme,
} from '@flowtrack/web/types';

export type WindowChoice = import('@flowtrack/web/types').Controls['window'];

/** The global the bundle's IIFE build defines. */
export type FlowTrackBundle = FlowTrackApi;

/** The bundle loaded by the page's earlier `<script src>`; an error naming the file when it is missing. */
export function flowTrackBundle(global: { FlowTrack?: FlowTrackBundle } = globalThis as never): FlowTrackBundle {
  const bundle = global.FlowTrack;
  if (!bundle || typeof bundle.mountChart !== 'function' || typeof bundle.mountDashboard !== 'function') {
    throw new Error('The FlowTrack dashboard bundle (lib/flowtrack-dashboard.js) did not load.');
  }
  return bundle;
}
