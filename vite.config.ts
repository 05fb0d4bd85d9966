import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cpSync, existsSync, readFileSync, readdirSync, statSync, createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { allowConnect, cspForMeta, headersFor, parseHeadersFile } from './scripts/headers.ts';
import { filesUnder, offlineCopy } from './scripts/offline.ts';

// Cross-origin isolation lets onnxruntime-web start its wasm threads (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp'
};

// Production headers (CSP, COOP/COEP) from public/_headers: `vite preview` serves exactly what a static
// host would. The dev server keeps only isolation: its HMR injects inline styles a strict CSP forbids.
const headerRules = parseHeadersFile(readFileSync(resolve(import.meta.dirname, 'public/_headers'), 'utf8'));
const siteHeaders = allowConnect(
  headersFor(headerRules, '/index.html'),
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

export const LIB = resolve(import.meta.dirname, 'src/lib');

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

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Serves a file of a model folder (mounted at `/models`) with its type, its length and the headers
 * `headersOf` gives its URL path; anything else passes on.
 */
function serveModel(headersOf: (path: string) => Record<string, string>): Middleware {
  return (req, res, next) => {
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
    for (const [k, v] of Object.entries(headersOf('/models' + url))) res.setHeader(k, v);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}

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
      server.middlewares.use(
        '/models',
        serveModel(() => isolationHeaders)
      );
    },
    // Preview serves the same files itself too: its static server knows no type for .onnx, so its
    // compression took the weights for text and gzipped them on the fly, without a Content-Length;
    // transformers.js then races a Range request against the download, and Chromium's in-memory cache
    // (a fresh browser context) failed the fp32 download with "network error".
    // It sends the headers `public/_headers` gives those paths, as sirv would have.
    configurePreviewServer(server) {
      server.middlewares.use(
        '/models',
        serveModel((path) => headersFor(headerRules, path))
      );
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
  // `$lib/…` names src/lib from anywhere (tests, bench, the recipe), as in SvelteKit; tsconfig.json's `paths` says the same to TypeScript and tsx.
  resolve: { alias: { $lib: LIB } },
  plugins: [
    svelte(),
    bundledModels(),
    cspMeta(),
    offlineCopy(() => modelFolders().flatMap((name) => filesUnder(join(MODELS_DIR, name), `models/${name}/`)))
  ],
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: siteHeaders, port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 }
});
