import { defineConfig } from 'vitest/config';

// Unit tests; the browser tests (test/browser) need the packaged pages and run in Maven's integration-test phase.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'node_modules/**'] } });
