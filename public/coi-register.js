// Registers the site's service worker (coi-sw.js), for two reasons:
//  - Threads in onnxruntime-web need SharedArrayBuffer, which needs cross-origin isolation (COOP + COEP
//    headers). Hosts that cannot send headers (GitHub Pages, plain buckets) get them from the worker, which
//    re-serves this site's responses with the headers added; the first visit reloads once to use it.
//  - A production build tags this script with its build id (data-build); the worker then keeps an offline
//    copy of that build, so the page and the bundled model run with the network off after one visit.
// Where service workers are unavailable this does nothing: the model runs single-threaded, online only.
(function () {
  'use strict';
  var FLAG = 'think-small-coi-reload';
  var script = document.currentScript;
  var build = script && script.dataset ? script.dataset.build : undefined;
  function clearFlag() {
    try {
      sessionStorage.removeItem(FLAG);
    } catch {
      // Storage can be blocked (sandboxed iframes); the flag only guards against reload loops.
    }
  }
  if (!window.isSecureContext || !('serviceWorker' in navigator) || (window.crossOriginIsolated && !build)) {
    clearFlag();
    return;
  }
  var url = new URL('coi-sw.js', script && script.src ? script.src : location.href);
  if (build) url.searchParams.set('build', build);
  navigator.serviceWorker
    .register(url)
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function () {
      if (window.crossOriginIsolated) {
        clearFlag();
        return;
      }
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
      // Registration refused (private mode, blocked storage): the app still runs, single-threaded, online.
    });
})();
