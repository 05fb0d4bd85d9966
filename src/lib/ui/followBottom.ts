/** The slice of an element that following needs, so the rule can be tested without a DOM. */
export interface Scrollable {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** Within this many pixels of the end counts as "at the end": a line's rounding must not break following. */
const SLACK_PX = 24;

export function atBottom(el: Scrollable): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
}

/**
 * Keeps a streaming box scrolled to its newest line, as a terminal does, unless the reader has scrolled up to read
 * earlier text; scrolling back to the end resumes following. Returns the call to make after each content change.
 */
export function follower(el: Scrollable): { beforeChange(): void; afterChange(): void } {
  let following = true;
  return {
    beforeChange: () => {
      following = atBottom(el);
    },
    afterChange: () => {
      if (following) el.scrollTop = el.scrollHeight;
    }
  };
}
