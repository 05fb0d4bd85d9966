import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cpSync, existsSync, readFileSync, readdirSync, statSync, createReadStream } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { allowConnect, cspForMeta, headersFor, parseHeadersFile } from './scripts/headers.ts';

// Cross-origin isolation lets onnxruntime-web start its wasm threads (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp'
};

// Production headers (CSP, COOP/COEP) from public/_headers: `vite preview` serves exactly what a static
// host would. The dev server keeps only isolation: its HMR injects inline styles a strict CSP forbids.
const siteHeaders = allowConnect(
  headersFor(parseHeadersFile(readFileSync(resolve(import.meta.dirname, 'public/_headers'), 'utf8')), '/index.html'),
  // Only the e2e tests' build sets this: the app then talks to a local Hub stand-in, and the CSP lets it.
  process.env.VITE_HUB_HOST
);

/** The build's index.html carries the CSP as a <meta> too, for hosts that ignore `_headers`. */
function cspMeta(): Plugin {
  const csp = siteHeaders['Content-Security-Policy'];
  return {
    name: 'think-small-csp-meta',
    apply: 'build',
    transformIndexHtml: () =>
      csp === undefined
        ? []
        : [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: cspForMeta(csp) },
              injectTo: 'head-prepend'
            }
          ]
  };
}

// THINK_SMALL_MODELS_DIR serves another export (a fresh checkpoint) without touching `models/`.
const MODELS_DIR = resolve(process.env.THINK_SMALL_MODELS_DIR ?? resolve(import.meta.dirname, 'models'));

/** Model folders are the ones holding a config.json; `models/recipe` (training code) is never served. */
function modelFolders(): string[] {
  if (!existsSync(MODELS_DIR)) return [];
  return readdirSync(MODELS_DIR).filter((name) => existsSync(join(MODELS_DIR, name, 'config.json')));
}

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  onnx: 'application/octet-stream',
  md: 'text/markdown; charset=utf-8'
};

/**
 * `models/` stays at the repo top level (it is also the training recipe's home), so the app serves
 * the model folders from there in dev and copies them into the build, under the same `/models/` URL.
 */
function bundledModels(): Plugin {
  let outDir = 'dist';
  return {
    name: 'think-small-bundled-models',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
        const file = resolve(MODELS_DIR, '.' + url);
        const folder = file.slice(MODELS_DIR.length + 1).split(sep)[0] ?? '';
        if (
          !file.startsWith(MODELS_DIR + sep) ||
          !modelFolders().includes(folder) ||
          !existsSync(file) ||
          !statSync(file).isFile()
        ) {
          next();
          return;
        }
        const ext = file.split('.').pop() ?? '';
        res.setHeader('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      for (const name of modelFolders()) {
        cpSync(join(MODELS_DIR, name), join(outDir, 'models', name), { recursive: true });
      }
    }
  };
}

export default defineConfig({
  appType: 'mpa',
  plugins: [svelte(), bundledModels(), cspMeta()],
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: siteHeaders, port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 }
});
