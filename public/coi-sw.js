// The site's service worker, registered by coi-register.js. Two jobs:
//  1. Cross-origin isolation for hosts that cannot send headers: this site's own responses are re-served
//     with COOP/COEP added. Other origins' responses (the Hugging Face Hub) pass through untouched.
//  2. The offline copy: on install it stores the files precache.json lists for its build (the app and the
//     bundled model's small files; the engine keeps the weights it loaded in its own cache). The ONNX
//     Runtime build the engine loaded is stored when the page asks (one of two, see scripts/offline.ts).
//     Requests go to the network first and fall back to the stored copy, so an online visit always sees
//     the current deploy and a visit with no network still runs.
'use strict';

const BUILD = new URL(self.location.href).searchParams.get('build');
const PREFIX = 'think-small-app-';
const CACHE = BUILD === null ? null : PREFIX + BUILD;
// Written last on install: the copy is whole only when this key is there (a worker can be stopped mid-way).
const COMPLETE = new URL('__offline-copy-complete', self.registration.scope).href;

function scoped(path) {
  return new URL(path, self.registration.scope).href;
}

// The build's list is stored too: a later request to keep a file is checked against it after this
// worker has been stopped and started again (it keeps no state in memory between events).
const LIST = scoped('precache.json?build=' + BUILD);

// Hashed files (assets/) never change under their name: an older copy's file is as good as a download.
async function store(cache, url) {
  const hashed = url.startsWith(scoped('assets/'));
  const earlier = hashed ? await caches.match(url) : undefined;
  if (earlier !== undefined) return cache.put(url, earlier);
  const res = await fetch(url, { cache: hashed ? 'default' : 'no-cache' });
  if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
  return cache.put(url, res);
}

async function precache() {
  const res = await fetch(LIST, { cache: 'no-store' });
  if (!res.ok) throw new Error('precache.json: HTTP ' + res.status);
  const list = await res.clone().json();
  if (list.build !== BUILD) throw new Error('precache.json is for build ' + list.build + ', not ' + BUILD);
  const cache = await caches.open(CACHE);
  await Promise.all(list.files.map((path) => store(cache, scoped(path))));
  await cache.put(LIST, res);
  await cache.put(COMPLETE, new Response(BUILD));
}

// Stores the requested files that the build lists as on demand (nothing else may be added this way),
// then answers which of them are stored.
async function keep(urls) {
  if (CACHE === null) return { complete: false, missing: urls };
  const cache = await caches.open(CACHE);
  const [complete, listed] = await Promise.all([cache.match(COMPLETE), cache.match(LIST)]);
  if (complete === undefined || listed === undefined) return { complete: false, missing: urls };
  const allowed = (await listed.json()).onDemand.map(scoped);
  const left = await Promise.all(
    urls.map(async (url) => {
      const full = scoped(url);
      if (!allowed.includes(full)) return url;
      if ((await cache.match(full)) !== undefined) return null;
      return store(cache, full).then(
        () => null,
        () => url
      );
    })
  );
  return { complete: true, missing: left.filter((u) => u !== null) };
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  // A copy that cannot be stored (quota, a file gone) must not cost the isolation job: the page asks
  // whether the copy is whole before saying it works offline.
  if (CACHE !== null) event.waitUntil(precache().catch(() => caches.delete(CACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
    })()
  );
});

// The page asks: which build is stored, is the copy whole, and (for `keep`) are these files stored too?
self.addEventListener('message', (event) => {
  const port = event.ports[0];
  const data = event.data;
  if (port === undefined || !data || data.type !== 'offline-status') return;
  const urls = Array.isArray(data.keep) ? data.keep.filter((u) => typeof u === 'string') : [];
  event.waitUntil(
    keep(urls).then(
      (answer) => port.postMessage({ build: BUILD, complete: answer.complete, missing: answer.missing }),
      () => port.postMessage({ build: BUILD, complete: false, missing: urls })
    )
  );
});

function isolated(response) {
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Any cache may answer: the engine's model cache holds the weights this worker does not store. A page
// navigation (any query string) is answered with the stored index.html.
async function stored(request) {
  const hit = await caches.match(request.mode === 'navigate' ? scoped('./') : request.url);
  if (hit === undefined || request.method !== 'HEAD') return hit;
  return new Response(null, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  const readOnly = request.method === 'GET' || request.method === 'HEAD';
  event.respondWith(
    fetch(request).then(isolated, async (err) => {
      const hit = readOnly ? await stored(request) : undefined;
      if (hit === undefined) throw err;
      return isolated(hit);
    })
  );
});
