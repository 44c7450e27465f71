import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // PGlite initdb takes a few seconds on a cold start; PostgreSQL tests create their own database.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep workers modest so PGlite instances do not starve each other.
    maxWorkers: 2,
  },
});
