import type { Environment } from 'vitest/environments';

/**
 * Node globals, but modules transformed for Vite's `client` environment: Svelte compiles runes for the
 * browser (so `$effect` and `$derived` react as in the page) and packages resolve their `browser` exports.
 */
export default {
  name: 'node-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  }
} satisfies Environment;
