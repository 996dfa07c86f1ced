import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Tests run on the server's side of the guard, as Next.js's server build does.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    // One PGlite per file is heavy (about 1 GB while it first creates a cluster); keep files in one worker.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['lib/**/*.test.ts', 'app/**/*.test.ts'], environment: 'node' },
      },
      {
        // Components render into a document: happy-dom, with Testing Library unmounting after each test.
        extends: true,
        test: {
          name: 'components',
          include: ['components/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['./vitest.setup-dom.ts'],
        },
      },
    ],
  },
});
