import { defineConfig } from 'vitest/config';

// End-to-end tests drive the *built* extension (.output/chrome-mv3) in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
