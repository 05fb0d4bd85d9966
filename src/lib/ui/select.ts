/**
 * The value of a `<select>` (or any control) checked against the options it was built from: a value
 * outside them (a tampered page, a stale option) is refused instead of cast into the store's type.
 */
export function oneOf<T extends string>(value: string, options: readonly T[]): T | null {
  return (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Calls `use` with the control's value when it is one of `options`; anything else changes nothing. */
export function onChoice<T extends string>(options: readonly T[], use: (value: T) => void) {
  return (event: Event & { currentTarget: HTMLSelectElement }): void => {
    const value = oneOf(event.currentTarget.value, options);
    if (value !== null) use(value);
  };
}
