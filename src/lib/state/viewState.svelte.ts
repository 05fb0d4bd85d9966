import type { ViewFlags } from '../link/permalink.ts';

/** The slice of `document` full screen needs, so the store can be tested without a browser. */
export interface FullscreenDoc {
  readonly fullscreenElement: Element | null;
  readonly documentElement: { requestFullscreen(): Promise<void> };
  exitFullscreen(): Promise<void>;
}

/** How the page is shown: embedded in someone's iframe or presented on a projector, and what it shows. */
export class ViewState {
  readonly embed: boolean;
  #present = $state(false);
  #showStats = $state(true);
  #helpOpen = $state(false);
  /** Presenter mode hides the evaluation until asked (key E): the stage is the panes. */
  #evaluationInPresenter = $state(false);
  #fullscreen = $state(false);

  constructor(flags: ViewFlags) {
    this.embed = flags.embed;
    this.#present = flags.present;
    this.#apply();
  }

  get present(): boolean {
    return this.#present;
  }
  get showStats(): boolean {
    return this.#showStats;
  }
  get helpOpen(): boolean {
    return this.#helpOpen;
  }
  /** Whether the evaluation section is on the page: always, except in presenter mode until asked for. */
  get showEvaluation(): boolean {
    return !this.#present || this.#evaluationInPresenter;
  }
  get fullscreen(): boolean {
    return this.#fullscreen;
  }

  setPresent(on: boolean): void {
    this.#present = on;
    if (!on) this.#evaluationInPresenter = false;
    this.#apply();
  }

  togglePresent(): void {
    this.setPresent(!this.#present);
  }

  setShowStats(on: boolean): void {
    this.#showStats = on;
    this.#apply();
  }

  setHelpOpen(open: boolean): void {
    this.#helpOpen = open;
  }

  toggleEvaluation(): void {
    if (this.#present) this.#evaluationInPresenter = !this.#evaluationInPresenter;
  }

  /** Full screen is the browser's to grant; the page follows what it reports (`syncFullscreen`). */
  async toggleFullscreen(doc: FullscreenDoc = document): Promise<void> {
    try {
      if (doc.fullscreenElement === null) await doc.documentElement.requestFullscreen();
      else await doc.exitFullscreen();
    } catch {
      // Refused (an iframe without allowfullscreen, no user gesture): the page simply stays as it is.
    }
    this.syncFullscreen(doc);
  }

  syncFullscreen(doc: Pick<FullscreenDoc, 'fullscreenElement'> = document): void {
    this.#fullscreen = doc.fullscreenElement !== null;
  }

  /** Attributes on <html>, so the theme and every component restyle for a view without each one knowing. */
  #apply(): void {
    if (typeof document === 'undefined') return;
    document.documentElement.toggleAttribute('data-present', this.#present);
    document.documentElement.toggleAttribute('data-embed', this.embed);
    document.documentElement.toggleAttribute('data-hide-stats', !this.#showStats);
  }
}
