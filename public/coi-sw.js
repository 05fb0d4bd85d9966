// The site's service worker, registered by coi-register.js. Two jobs:
//  1. Cross-origin isolation for hosts that cannot send headers: this site's own responses are re-served
//     with COOP/COEP added. Other origins' responses (the Hugging Face Hub) pass through untouched.
//  2. The offline copy: on install it stores the files precache.json lists for its build (the app and the
//     bundled model's small files; the engine keeps the weights it loaded in its own cache). The ONNX
//     Runtime build the engine loaded is stored when the page asks (one of two, see scripts/offline.ts).
//     Requests go to the network first and fall back to the stored copy, so an online visit always sees
//     the current deploy and a visit with no network still runs.
'use strict';

var BUILD = new URL(self.location.href).searchParams.get('build');
var PREFIX = 'think-small-app-';
var CACHE = BUILD === null ? null : PREFIX + BUILD;
// Written last on install: the copy is whole only when this key is there (a worker can be stopped mid-way).
var COMPLETE = new URL('__offline-copy-complete', self.registration.scope).href;

function scoped(path) {
  return new URL(path, self.registration.scope).href;
}

// Hashed files (assets/) never change under their name: an older copy's file is as good as a download.
function store(cache, url) {
  var hashed = url.indexOf(scoped('assets/')) === 0;
  var earlier = hashed ? caches.match(url) : Promise.resolve(undefined);
  return earlier.then(function (hit) {
    if (hit !== undefined) return cache.put(url, hit);
    return fetch(url, { cache: hashed ? 'default' : 'no-cache' }).then(function (res) {
      if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
      return cache.put(url, res);
    });
  });
}

// The build's list is stored too: a later request to keep a file is checked against it after this
// worker has been stopped and started again (it keeps no state in memory between events).
var LIST = scoped('precache.json?build=' + BUILD);

function precache() {
  return fetch(LIST, { cache: 'no-store' })
    .then(function (res) {
      if (!res.ok) throw new Error('precache.json: HTTP ' + res.status);
      return res
        .clone()
        .json()
        .then(function (list) {
          return { list: list, res: res };
        });
    })
    .then(function (got) {
      var list = got.list;
      if (list.build !== BUILD) throw new Error('precache.json is for build ' + list.build + ', not ' + BUILD);
      return caches.open(CACHE).then(function (cache) {
        return Promise.all(
          list.files.map(function (path) {
            return store(cache, scoped(path));
          })
        )
          .then(function () {
            return cache.put(LIST, got.res);
          })
          .then(function () {
            return cache.put(COMPLETE, new Response(BUILD));
          });
      });
    });
}

// Stores the requested files that the build lists as on demand (nothing else may be added this way),
// then answers which of them are stored.
function keep(urls) {
  if (CACHE === null) return Promise.resolve({ complete: false, missing: urls });
  return caches.open(CACHE).then(function (cache) {
    return Promise.all([cache.match(COMPLETE), cache.match(LIST)]).then(function (hits) {
      if (hits[0] === undefined || hits[1] === undefined) return { complete: false, missing: urls };
      return hits[1].json().then(function (list) {
        var allowed = list.onDemand.map(scoped);
        return Promise.all(
          urls.map(function (url) {
            var full = scoped(url);
            if (allowed.indexOf(full) === -1) return Promise.resolve(url);
            return cache.match(full).then(function (hit) {
              if (hit !== undefined) return null;
              return store(cache, full).then(
                function () {
                  return null;
                },
                function () {
                  return url;
                }
              );
            });
          })
        ).then(function (left) {
          return {
            complete: true,
            missing: left.filter(function (u) {
              return u !== null;
            })
          };
        });
      });
    });
  });
}

self.addEventListener('install', function (event) {
  self.skipWaiting();
  // A copy that cannot be stored (quota, a file gone) must not cost the isolation job: the page asks
  // whether the copy is whole before saying it works offline.
  if (CACHE !== null)
    event.waitUntil(
      precache().catch(function () {
        return caches.delete(CACHE);
      })
    );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf(PREFIX) === 0 && name !== CACHE;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

// The page asks: which build is stored, is the copy whole, and (for `keep`) are these files stored too?
self.addEventListener('message', function (event) {
  var port = event.ports[0];
  var data = event.data;
  if (port === undefined || !data || data.type !== 'offline-status') return;
  var urls = Array.isArray(data.keep)
    ? data.keep.filter(function (u) {
        return typeof u === 'string';
      })
    : [];
  event.waitUntil(
    keep(urls).then(
      function (answer) {
        port.postMessage({ build: BUILD, complete: answer.complete, missing: answer.missing });
      },
      function () {
        port.postMessage({ build: BUILD, complete: false, missing: urls });
      }
    )
  );
});

function isolated(response) {
  if (response.status === 0) return response;
  var headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: headers
  });
}

// Any cache may answer: the engine's model cache holds the weights this worker does not store. A page
// navigation (any query string) is answered with the stored index.html.
function stored(request) {
  var key = request.mode === 'navigate' ? scoped('./') : request.url;
  return caches.match(key).then(function (hit) {
    if (hit === undefined || request.method !== 'HEAD') return hit;
    return new Response(null, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  var readOnly = request.method === 'GET' || request.method === 'HEAD';
  event.respondWith(
    fetch(request).then(isolated, function (err) {
      if (!readOnly) throw err;
      return stored(request).then(function (hit) {
        if (hit === undefined) throw err;
        return isolated(hit);
      });
    })
  );
});
