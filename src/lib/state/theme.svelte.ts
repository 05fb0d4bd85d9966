export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'think-small-theme';

/** The toggle cycles system → light → dark; `system` follows prefers-color-scheme through CSS alone. */
export class ThemeState {
  #choice = $state<ThemeChoice>('system');

  constructor() {
    const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') this.#choice = saved;
    this.#apply();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  cycle(): void {
    const next: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
    this.#choice = next[this.#choice];
    localStorage.setItem(KEY, this.#choice);
    this.#apply();
  }

  #apply(): void {
    if (typeof document === 'undefined') return;
    if (this.#choice === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = this.#choice;
  }
}
