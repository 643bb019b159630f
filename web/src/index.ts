/*
 * FlowTrack's flow dashboards. The IIFE bundle exposes these as the global `FlowTrack`; hosts that bundle
 * themselves import this module. The contract (types below) is shared by every host.
 */
import './flowtrack-dashboard.css';

import { CHART_KINDS, CHART_TITLES } from './charts/registry';
import { CONTROL_LIMITS, DEFAULT_CONTROLS, normalizeControls } from './controls';
import { mountChart, mountDashboard } from './dashboard';
import type { FlowTrackApi } from './types';

export type {
  ChartKind, Controls, FlowHost, FlowTrackApi, HostError, HostErrorKind, Mounted, ReportQuery, Theme,
} from './types';
export { CHART_KINDS, CHART_TITLES, CONTROL_LIMITS, DEFAULT_CONTROLS, mountChart, mountDashboard, normalizeControls };

// The exports are the contract's FlowTrackApi (a compile-time check).
void ({ mountDashboard, mountChart, CHART_KINDS, CHART_TITLES, normalizeControls, DEFAULT_CONTROLS } satisfies FlowTrackApi);
