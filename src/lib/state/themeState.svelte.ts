export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'think-small-theme';

/**
 * A page embedded in a third-party iframe may be denied storage (the getter itself throws a SecurityError);
 * the theme then lasts for the visit instead of crashing the page.
 */
function loadChoice(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function saveChoice(choice: ThemeChoice): void {
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // Denied storage: see loadChoice.
  }
}

/** The toggle cycles system → light → dark; `system` follows prefers-color-scheme through CSS alone. */
export class ThemeState {
  #choice = $state<ThemeChoice>('system');
  /** Canvas charts cannot use light-dark(); they redraw when the system scheme changes under `system`. */
  #systemDark = $state(false);

  constructor() {
    const saved = loadChoice();
    if (saved === 'light' || saved === 'dark' || saved === 'system') this.#choice = saved;
    if (typeof matchMedia !== 'undefined') {
      const query = matchMedia('(prefers-color-scheme: dark)');
      this.#systemDark = query.matches;
      query.addEventListener('change', (e) => (this.#systemDark = e.matches));
    }
    this.#apply();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  get resolved(): 'light' | 'dark' {
    if (this.#choice !== 'system') return this.#choice;
    return this.#systemDark ? 'dark' : 'light';
  }

  cycle(): void {
    const next: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
    this.#choice = next[this.#choice];
    saveChoice(this.#choice);
    this.#apply();
  }

  #apply(): void {
    if (typeof document === 'undefined') return;
    if (this.#choice === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = this.#choice;
  }
}
