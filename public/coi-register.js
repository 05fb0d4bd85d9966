// Threads in onnxruntime-web need SharedArrayBuffer, which needs cross-origin isolation (COOP + COEP
// headers). Hosts that cannot send headers (GitHub Pages, plain buckets) get them from a service worker
// that re-serves this site's responses with the headers added; the first visit reloads once to use it.
// Where the headers are already there, or service workers are unavailable, this does nothing and the
// model runs single-threaded.
(function () {
  'use strict';
  var FLAG = 'think-small-coi-reload';
  if (window.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) {
    try {
      sessionStorage.removeItem(FLAG);
    } catch {
      // Storage can be blocked (sandboxed iframes); the flag only guards against reload loops.
    }
    return;
  }
  var script = document.currentScript;
  var url = new URL('coi-sw.js', script && script.src ? script.src : location.href);
  navigator.serviceWorker
    .register(url)
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function () {
      var firstVisit;
      try {
        firstVisit = sessionStorage.getItem(FLAG) !== '1';
        sessionStorage.setItem(FLAG, '1');
      } catch {
        // Without storage we cannot tell a first visit from a loop: stay single-threaded.
        firstVisit = false;
      }
      if (firstVisit) location.reload();
    })
    .catch(function () {
      // Registration refused (private mode, blocked storage): the app still runs, single-threaded.
    });
})();
