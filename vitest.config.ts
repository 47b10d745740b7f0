import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**'],
          pool: 'forks',
          globalSetup: ['test/support/build.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Waiting for a page or a mail: generous, for a loaded CI machine (nothing here asserts a time).
          expect: { poll: { timeout: 10_000 } },
        },
      },
      './vitest.workers.config.ts',
    ],
  },
});
