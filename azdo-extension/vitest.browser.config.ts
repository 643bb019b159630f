import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The dashboard module's contract and control normaliser, as tsconfig.json's paths and esbuild resolve them.
const alias = { '@flowtrack/web': fileURLToPath(new URL('../web/src', import.meta.url)) };

export default defineConfig({ resolve: { alias }, test: { include: ['test/browser/**/*.browser.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } });
