import { resolve } from 'node:path';
import { mergeConfig } from 'vite';
import app from '../vite.config.ts';

const root = resolve(import.meta.dirname, '..');

/**
 * The app's own production build plus the benchmark page, into `.bench/dist`: the benchmark drives the
 * same bundled worker, ORT files and model copies the app ships, and `dist/` is left alone.
 */
export default mergeConfig(app, {
  root,
  build: {
    outDir: resolve(root, '.bench/dist'),
    emptyOutDir: true,
    rolldownOptions: {
      input: { app: resolve(root, 'index.html'), bench: resolve(root, 'bench/web/index.html') }
    }
  },
  // Names kept in the workers (still compressed) so CPU profiles (--only=profile) read as source.
  worker: { rolldownOptions: { output: { minify: { mangle: false, compress: true, codegen: true } } } },
  preview: { port: 4180 }
});
