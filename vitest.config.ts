import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { $lib: resolve(import.meta.dirname, 'src/lib') };

// Two projects, run together by `npm test` (scripts/test.mjs) or one at a time with `--project`.
export default defineConfig({
  test: {
    projects: [
      {
        // Pure modules, state classes and the engine client against a fake worker. `.svelte.ts` and
        // `.svelte.test.ts` files use runes, so they are compiled by the Svelte plugin, and Svelte's
        // browser build is resolved so `$effect`/`$derived` behave as they do in the page.
        plugins: [svelte()],
        resolve: { conditions: ['browser'], alias },
        test: {
          name: 'unit',
          // Node globals, but Vite's `client` transform (see the file): runes compile for the browser.
          // One catch: `new URL(path, import.meta.url)` is rewritten as a browser asset URL there, so
          // tests locate files with node:path from process.cwd() (the repo root) instead.
          environment: './scripts/vitest-node-client-env.ts',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 10_000
        }
      },
      {
        // The real bundled model loaded with transformers.js in Node; slow, hence the long timeouts.
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      }
    ]
  }
});
