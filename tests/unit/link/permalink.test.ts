import { describe, expect, it } from 'vitest';
import {
  LINK_LIMITS,
  decodeLink,
  encodeLink,
  linkOmissions,
  splitNotices,
  type LinkState
} from '$lib/link/permalink.ts';

/** A full state from a decoded link: what the link names, the defaults for the rest (as App.svelte's stores do). */
const mergeLink = (defaults: LinkState, link: Partial<LinkState>): LinkState => ({ ...defaults, ...link });

const defaults: LinkState = {
  model: 'think-small-3m',
  device: 'auto',
  question: { text: 'Ana had 12 apples. How many?', gold: '12' },
  modes: ['zero-shot-cot', 'few-shot-cot', 'answer-only'],
  trigger: null,
  exemplars: null,
  decoding: { maxNewTokens: 160, temperature: 0, topK: 20, topP: 0.95, stopAtNextQuestion: true },
  set: { kind: 'generated', family: 'mixed', count: 50, seed: 2022 },
  consistency: null
};

const custom: LinkState = {
  model: 'think-small-3m',
  device: 'wasm',
  question: { text: 'Wie viele Äpfel hat 🍎 Ana?\nZweite Zeile & "Zitat" + 100% #1', gold: '7' },
  modes: ['zero-shot-cot', 'answer-only'],
  trigger: "Let's work this out carefully.",
  exemplars: [
    { question: 'What is 1 + 1?', rationale: '1 + 1 = 2. The answer is 2.', answer: '2' },
    { question: 'Ünïcödé «q»?', rationale: 'Tabs\tand\nlines.', answer: 'yes' }
  ],
  decoding: { maxNewTokens: 48, temperature: 0.7, topK: 5, topP: 0.9, stopAtNextQuestion: false },
  set: { kind: 'generated', family: 'coin', count: 123, seed: 2147483647 },
  consistency: { k: 7, temperature: 0.5, seed: 99 }
};

function decode(search: string) {
  return decodeLink(search);
}

describe('permalink round trip', () => {
  it('restores every field exactly when all are written', () => {
    const d = decode(encodeLink(custom));
    expect(d.link).toEqual(custom);
    expect(d.notices).toEqual([]);
  });
  it('restores exactly through defaults, writing only what differs', () => {
    const search = encodeLink(custom, {}, defaults);
    expect(mergeLink(defaults, decode(search).link)).toEqual(custom);
  });
  it('writes nothing for a fresh page', () => {
    expect(encodeLink(defaults, {}, defaults)).toBe('');
    expect(mergeLink(defaults, decode('').link)).toEqual(defaults);
  });
  it('round-trips each field on its own', () => {
    const variants: Partial<LinkState>[] = [
      { device: 'webgpu' },
      { question: { text: 'Free question', gold: null } },
      { modes: ['few-shot-cot'] },
      { trigger: '' },
      { exemplars: [] },
      { decoding: { ...defaults.decoding, topP: 1, temperature: 2 } },
      { set: { kind: 'presets' } },
      { set: { kind: 'generated', family: 'letters', count: 1, seed: 0 } },
      { consistency: { k: 16, temperature: 1.2, seed: 0 } }
    ];
    for (const v of variants) {
      const state = { ...defaults, ...v };
      expect(mergeLink(defaults, decode(encodeLink(state, {}, defaults)).link)).toEqual(state);
    }
  });
  it('is compact: modes as letters, decoding and set as one value each', () => {
    const search = encodeLink({ ...defaults, modes: ['zero-shot-cot', 'answer-only'], device: 'wasm' }, {}, defaults);
    expect(search).toBe('?device=wasm&modes=za');
    expect(encodeLink(custom)).toContain('dec=48_0.7_5_0.9_0');
    expect(encodeLink(custom)).toContain('set=coin_123_2147483647');
    expect(encodeLink(custom)).toContain('sc=7_0.5_99');
  });
  it('writes and reads the view flags', () => {
    const search = encodeLink(defaults, { embed: true, present: true }, defaults);
    expect(search).toBe('?embed=1&present=1');
    expect(decode(search).view).toEqual({ embed: true, present: true });
    expect(decode('').view).toEqual({ embed: false, present: false });
  });
  it('keeps the existing ?device= links working (a test or a link pins the backend)', () => {
    expect(decode('?device=wasm').link).toEqual({ device: 'wasm' });
    expect(decode('?x=1&device=webgpu').link.device).toBe('webgpu');
    expect(decode('?device=auto').link.device).toBe('auto');
    expect(decode('').link.device).toBeUndefined();
    expect(decode('?device=cuda').link.device).toBeUndefined();
  });
});

describe('hostile links', () => {
  it('ignores a megabyte link altogether, without throwing', () => {
    const d = decode(`?q=${'a'.repeat(1_000_000)}`);
    expect(d.link).toEqual({});
    expect(d.notices[0]).toMatch(/characters long/);
  });
  it('drops an oversized question, keeps the rest', () => {
    const d = decode(`?q=${'a'.repeat(LINK_LIMITS.questionChars + 1)}&device=wasm`);
    expect(d.link).toEqual({ device: 'wasm' });
    expect(d.notices).toEqual([`Parameter “q” ignored: 1001 characters; the limit is 1000.`]);
  });
  it('rejects unknown model ids, so nothing is fetched for them', () => {
    const d = decode('?model=../../evil&device=wasm');
    expect(d.link.model).toBeUndefined();
    expect(d.notices[0]).toMatch(/no bundled model is called “..\/..\/evil”/);
  });
  it('rejects unknown devices, modes, decoding and sets', () => {
    const d = decode('?device=cuda&modes=zzq&dec=99999_0_20_0.95_1&set=chess_10_1');
    expect(d.link).toEqual({});
    expect(d.notices).toHaveLength(4);
  });
  it('rejects out-of-range or malformed numbers', () => {
    for (const dec of ['0_0_20_0.95_1', '160_3_20_0.95_1', '160_0_-1_0.95_1', '160_0_20_1.5_1', '160_0_20_0.95_2']) {
      expect(decode(`?dec=${dec}`).link.decoding).toBeUndefined();
    }
    for (const dec of ['1e3_0_20_0.95_1', '160_NaN_20_0.95_1', '160_0_20_0x1_1', '160_0_20_0.95_1_9', '']) {
      expect(decode(`?dec=${encodeURIComponent(dec)}`).link.decoding).toBeUndefined();
    }
    expect(decode('?set=mixed_501_1').link.set).toBeUndefined();
    expect(decode('?set=mixed_5_99999999999').link.set).toBeUndefined();
    expect(decode('?set=mixed_5_1_extra').link.set).toBeUndefined();
  });
  it('rejects self-consistency settings out of range: one chain, too many, greedy, a bad seed', () => {
    for (const sc of ['1_0.7_1', '17_0.7_1', '5_0_1', '5_0.7_-1', '5_0.7', '5_0.7_1_2', 'five_0.7_1'])
      expect(decode(`?sc=${sc}`).link.consistency, sc).toBeUndefined();
    expect(decode('?sc=5_0.7_1').link.consistency).toEqual({ k: 5, temperature: 0.7, seed: 1 });
  });
  it('names unknown parameters, __proto__ included, and pollutes nothing', () => {
    const d = decode('?__proto__=x&constructor=y&__proto__[polluted]=1&device=wasm');
    expect(d.link).toEqual({ device: 'wasm' });
    expect(d.notices).toHaveLength(3);
    expect(d.notices[0]).toBe('Unknown parameter “__proto__” ignored.');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(d.link)).toBe(Object.prototype);
  });
  it('takes the first of a repeated parameter', () => {
    const d = decode('?device=wasm&device=webgpu');
    expect(d.link.device).toBe('wasm');
    expect(d.notices).toEqual(['Repeated parameter “device” ignored.']);
  });
  it('rejects broken percent-encoding and control characters', () => {
    expect(decode('?q=%E0%A4%A').link.question).toBeUndefined();
    expect(decode('?q=%FF%FE').link.question).toBeUndefined();
    expect(decode('?q=a%00b').link.question).toBeUndefined();
    expect(decode('?q=%').link.question).toEqual({ text: '%', gold: null });
  });
  it('rejects exemplars that are not base64url JSON triples', () => {
    const b64 = (s: string): string => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const bad = [
      'not base64!',
      'A',
      b64('not json'),
      b64('{"__proto__":{"polluted":1}}'),
      b64('[{"question":"q","rationale":"r","answer":"a"}]'),
      b64('[["q","r"]]'),
      b64('[["q","r",3]]'),
      b64(JSON.stringify(Array.from({ length: LINK_LIMITS.exemplars + 1 }, () => ['q', 'r', 'a']))),
      b64(JSON.stringify([['q', 'r'.repeat(LINK_LIMITS.rationaleChars + 1), 'a']])),
      btoa('\xff\xfe\xfd')
    ];
    for (const ex of bad) {
      const d = decode(`?ex=${encodeURIComponent(ex)}`);
      expect(d.link.exemplars, ex).toBeUndefined();
      expect(d.notices[0], ex).toMatch(/^Parameter “ex” ignored/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('refuses a gold answer without its question', () => {
    const d = decode('?gold=42');
    expect(d.link).toEqual({});
    expect(d.notices[0]).toMatch(/needs a question/);
  });
  it('keeps every notice of an ordinary link, so "… and N more" can open to show them (issue 14)', () => {
    const junk = Array.from({ length: 12 }, (_, i) => `k${i}=1`).join('&');
    const d = decode(`?${junk}`);
    expect(d.notices).toHaveLength(12);
    expect(d.notices.at(-1)).toBe('Unknown parameter “k11” ignored.');
    const parts = splitNotices(d.notices);
    expect(parts.shown).toHaveLength(LINK_LIMITS.noticesShown);
    expect(parts.more).toEqual(d.notices.slice(LINK_LIMITS.noticesShown));
  });
  it('caps the number of notices of a junk link', () => {
    const junk = Array.from({ length: 300 }, (_, i) => `k${i}=1`).join('&');
    const d = decode(`?${junk}`);
    expect(d.notices).toHaveLength(LINK_LIMITS.notices + 1);
    expect(d.notices.at(-1)).toBe(`… and ${300 - LINK_LIMITS.notices} more.`);
  });
  it('an empty q opens the default question, not an empty page (issue 14)', () => {
    for (const q of ['?q=', '?q=%20%20']) {
      const d = decode(q);
      expect(d.link.question).toBeUndefined();
      expect(d.notices).toEqual(['Parameter “q” ignored: it is empty, so the default question is shown.']);
    }
  });
  it('shows hostile names back shortened and without control characters', () => {
    const d = decode(`?${encodeURIComponent('\u0007' + 'x'.repeat(100))}=1`);
    expect(d.notices[0]).toBe(`Unknown parameter “?${'x'.repeat(39)}…” ignored.`);
  });
  it('accepts 0 and 1 only for view flags', () => {
    expect(decode('?embed=yes').view.embed).toBe(false);
    expect(decode('?present=1').view.present).toBe(true);
  });
});

describe('writing and reading agree (issue 14: the page wrote 16,000-character questions that links refuse)', () => {
  const long = { ...defaults, question: { text: 'How many? '.repeat(543), gold: '7' } };
  it('leaves out a question longer than a link carries, so the link opens without a notice', () => {
    const search = encodeLink(long, {}, defaults);
    expect(long.question.text.length).toBe(5430);
    const d = decode(search);
    expect(d.notices).toEqual([]);
    expect(d.link.question).toBeUndefined();
    expect(search).not.toContain('gold=');
  });
  it('says what it left out, with the limit', () => {
    expect(linkOmissions(long)).toEqual([
      'The question is 5,430 characters; a link carries at most 1,000, so the link opens the default question.'
    ]);
    expect(linkOmissions(custom)).toEqual([]);
  });
  it('writes a question at the limit, and reads it back', () => {
    const atLimit = { ...defaults, question: { text: 'q'.repeat(LINK_LIMITS.questionChars), gold: null } };
    expect(decode(encodeLink(atLimit, {}, defaults)).link.question?.text).toHaveLength(LINK_LIMITS.questionChars);
  });
  it('never writes a value the reader refuses: control characters, a long trigger or gold answer', () => {
    const odd: LinkState = {
      ...defaults,
      question: { text: 'bell \u0007 here', gold: null },
      trigger: 't'.repeat(LINK_LIMITS.triggerChars + 1)
    };
    expect(decode(encodeLink(odd, {}, defaults)).notices).toEqual([]);
    expect(linkOmissions(odd)).toHaveLength(2);
    const longGold = { ...defaults, question: { text: 'q?', gold: '9'.repeat(LINK_LIMITS.goldChars + 1) } };
    const d = decode(encodeLink(longGold, {}, defaults));
    expect([d.notices, d.link.question]).toEqual([[], { text: 'q?', gold: null }]);
  });
});
