import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// The Worker under workerd, with a local D1 that gets the migrations of drizzle/.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('drizzle'),
          PUBLIC_URL: 'http://letters.test',
          MAIL_API_URL: 'https://mail.test/send',
          MAIL_API_KEY: 'test-key',
          SECRET: 'a-secret-for-the-worker-tests-only-0123456789',
          FORM_MIN_SECONDS: '0',
          // A proof of work in a few thousand quick tries.
          PROOF_OF_WORK_COST: '1',
          MAIL_RETRY_BASE_SECONDS: '0.1',
        },
      },
    }),
  ],
  test: {
    name: 'workers',
    include: ['test/worker/**/*.test.ts'],
    setupFiles: ['test/worker/apply-migrations.ts'],
    testTimeout: 30_000,
  },
}));
