import { describe, expect, it } from 'vitest';
import { atBottom, follower, type Scrollable } from '$lib/ui/followBottom.ts';

const box = (scrollTop: number, scrollHeight: number, clientHeight = 100): Scrollable => ({
  scrollTop,
  scrollHeight,
  clientHeight
});

describe('follower', () => {
  it('follows new lines while the reader is at the end', () => {
    const el = box(100, 200);
    const f = follower(el);
    f.beforeChange();
    Object.assign(el, { scrollHeight: 260 });
    f.afterChange();
    expect(el.scrollTop).toBe(260);
  });
  it('leaves the reader alone after scrolling up', () => {
    const el = box(20, 200);
    const f = follower(el);
    f.beforeChange();
    Object.assign(el, { scrollHeight: 260 });
    f.afterChange();
    expect(el.scrollTop).toBe(20);
  });
  it('counts a few pixels short of the end as the end', () => {
    expect(atBottom(box(90, 200))).toBe(true);
    expect(atBottom(box(60, 200))).toBe(false);
  });
});
