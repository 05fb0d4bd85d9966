/**
 * The offline copy: what the service worker (public/coi-sw.js) stores on install, and the build id that
 * names it. The id hashes every stored file's bytes, so a new deploy registers a new worker (its URL
 * carries the id), stores the new files and drops the old copy; an unchanged deploy changes nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { filesIn } from './files.ts';

export interface OfflineFile {
  /** Path relative to the site root, as the service worker resolves it against its scope. */
  path: string;
  bytes: Uint8Array | string;
}

export interface Precache {
  build: string;
  /** Stored when the worker installs. */
  files: string[];
  /** Stored only when the page asks for them: the ONNX Runtime build its backend loaded. */
  onDemand: string[];
}

/**
 * Two ONNX Runtime builds ship (the asyncify one for WebGPU, 27 MB; the plain one for WASM, 14 MB); a
 * visitor needs one, so the copy keeps the one the engine loaded instead of both on install.
 */
export function isOnDemand(path: string): boolean {
  return /(^|\/)ort-wasm-[^/]*\.(wasm|mjs)$/.test(path);
}

/**
 * Model weights stay out: the engine keeps the weights it loads in its own checked cache, and storing
 * every dtype of every model on install would cost a visitor far more than the page they opened.
 */
export function isPrecached(path: string): boolean {
  return !/\.onnx(_data)?$/.test(path) && !path.endsWith('.map') && path !== 'precache.json';
}

export function precacheOf(files: readonly OfflineFile[]): Precache {
  const kept = files
    .filter((f) => isPrecached(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  for (const f of kept) {
    hash.update(f.path);
    hash.update('\0');
    hash.update(f.bytes);
    hash.update('\0');
  }
  // The site root stands for index.html: navigations to `/?device=…` are answered with it.
  const paths = kept.map((f) => (f.path === 'index.html' ? './' : f.path));
  return {
    build: hash.digest('hex').slice(0, 16),
    files: paths.filter((p) => !isOnDemand(p)),
    onDemand: paths.filter(isOnDemand)
  };
}

/** Puts the build id on the script tag that registers the service worker. */
export function tagRegisterScript(html: string, build: string): string {
  const tag = /<script src="\/coi-register\.js"><\/script>/;
  if (!tag.test(html)) throw new Error('index.html lost its coi-register.js script tag');
  return html.replace(tag, `<script src="/coi-register.js" data-build="${build}"></script>`);
}

/** The files under `dir` that `keep` accepts, as paths relative to the site root under `prefix`. */
export function filesUnder(dir: string, prefix = '', keep: (path: string) => boolean = isPrecached): OfflineFile[] {
  return filesIn(dir)
    .map((name) => ({ name, path: prefix + name }))
    .filter(({ path }) => keep(path))
    .map(({ name, path }) => ({ path, bytes: readFileSync(join(dir, name)) }));
}

/**
 * Hashes the build's files as index.html is written (the last output) and tags the register script
 * with the id; `precache.json` is written once the bundle (and the copied model folders) are on disk.
 */
export function offlineCopy(extraFiles: () => OfflineFile[]): Plugin {
  let outDir = 'dist';
  let publicDir = '';
  let precache: Precache | null = null;
  return {
    name: 'think-small-offline-copy',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      publicDir = config.publicDir;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // Only the site's own page registers the worker: another HTML entry (the benchmark page, which
        // `npm run bench` builds alongside) has no register script and must not get an offline copy.
        if (ctx.bundle === undefined || ctx.path !== '/index.html') return html;
        const outputs: OfflineFile[] = Object.values(ctx.bundle).map((o) => ({
          path: o.fileName,
          bytes: o.type === 'chunk' ? o.code : o.source
        }));
        // `_headers` is read by the host, not served: fetching it on install would fail there.
        const fromPublic = filesUnder(publicDir, '', (p) => isPrecached(p) && p !== '_headers');
        precache = precacheOf([...outputs, ...fromPublic, ...extraFiles(), { path: 'index.html', bytes: html }]);
        return tagRegisterScript(html, precache.build);
      }
    },
    closeBundle() {
      if (precache !== null) writeFileSync(join(outDir, 'precache.json'), JSON.stringify(precache));
    }
  };
}
