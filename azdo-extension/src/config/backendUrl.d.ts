export function normalizeBackendUrl(raw: unknown): string;
export function isLoopbackBackend(normalized: string): boolean;
export const CONFIG_FILE: string;
