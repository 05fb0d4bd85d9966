import type { ViewFlags } from '../link/permalink.ts';

/** How the page is shown: embedded in someone's iframe, or presented on a projector. */
export class ViewState {
  readonly embed: boolean;
  #present = $state(false);

  constructor(flags: ViewFlags) {
    this.embed = flags.embed;
    this.#present = flags.present;
    this.#apply();
  }

  get present(): boolean {
    return this.#present;
  }

  setPresent(on: boolean): void {
    this.#present = on;
    this.#apply();
  }

  togglePresent(): void {
    this.setPresent(!this.#present);
  }

  /** Attributes on <html>, so app.css and modes.css restyle every component without each one knowing. */
  #apply(): void {
    if (typeof document === 'undefined') return;
    document.documentElement.toggleAttribute('data-present', this.#present);
    document.documentElement.toggleAttribute('data-embed', this.embed);
  }
}
