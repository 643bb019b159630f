/*
 * FlowTrack's flow dashboards. The IIFE bundle exposes these as the global `FlowTrack`; hosts that bundle
 * themselves import this module. The contract (types below) is shared by every host.
 */
import './flowtrack-dashboard.css';

export type { ChartKind, Controls, FlowHost, HostError, Mounted, ReportQuery } from './types';
export { CHART_KINDS, CHART_TITLES } from './shape';
export { mountChart, mountDashboard } from './dashboard';
