import type { CDPSession } from '@playwright/test';

/**
 * Clicks a button and waits for what it starts to finish, in one DevTools evaluation in the page.
 * The memory test drives the app this way instead of with locators: Playwright's injected script lives
 * in the page's V8 heap, and its own compiled code (expectSingleElement, expectHitTarget, the trace
 * snapshotter…) grew that heap by more than the app did over 20 runs.
 */
export class QuietDriver {
  readonly #cdp: CDPSession;

  constructor(cdp: CDPSession) {
    this.#cdp = cdp;
  }

  /** Clicks `button` (a test id) and resolves once `settled` (a page expression) was false and is true again. */
  async #clickAndSettle(button: string, settled: string, timeoutMs: number): Promise<void> {
    const expression = `new Promise((resolve, reject) => {
      const settled = () => ${settled};
      let left = false;
      const finish = (fn, value) => { observer.disconnect(); clearTimeout(timer); fn(value); };
      const observer = new MutationObserver(() => {
        if (!settled()) left = true;
        else if (left) finish(resolve, true);
      });
      const timer = setTimeout(() => finish(reject, new Error('not settled after ${timeoutMs} ms')), ${timeoutMs});
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const target = document.querySelector('[data-testid="${button}"]');
      if (!(target instanceof HTMLButtonElement)) finish(reject, new Error('no button ${button}'));
      else target.click();
    })`;
    const reply = await this.#cdp.send('Runtime.evaluate', { expression, awaitPromise: true });
    if (reply.exceptionDetails !== undefined) {
      throw new Error(`${button}: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    }
  }

  /** Runs the three modes to the end. */
  runAll(timeoutMs = 300_000): Promise<void> {
    const panes = `[...document.querySelectorAll('[data-testid^="pane-"][data-status]')]`;
    return this.#clickAndSettle(
      'run',
      `${panes}.length === 3 && ${panes}.every((p) => p.dataset.status === 'done')`,
      timeoutMs
    );
  }

  /** Reloads the model and waits until it is ready again. */
  reload(timeoutMs = 180_000): Promise<void> {
    const status = `document.querySelector('[data-testid="load-status"]')?.textContent ?? ''`;
    return this.#clickAndSettle('reload', `(${status}).trim().startsWith('Ready')`, timeoutMs);
  }
}
