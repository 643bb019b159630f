import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The dashboard module's contract and control normaliser, as tsconfig.json's paths and esbuild resolve them.
const alias = { '@flowtrack/web': fileURLToPath(new URL('../web/src', import.meta.url)) };

// Unit tests; the browser tests (test/browser) need the packaged pages and run in Maven's integration-test phase.
export default defineConfig({ resolve: { alias }, test: { include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'node_modules/**'] } });
