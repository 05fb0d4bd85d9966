/**
 * A byte-level BPE trainer whose output is a tokenizer.json that transformers.js loads.
 * Byte-level: any text encodes. Digits are split one by one. Merged tokens are capped in length
 * so that every word, seen or not, ends in a short, frequent piece whose last letter the model knows.
 */

export const SPECIALS = ['<pad>', '<s>', '</s>'] as const;
export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;

const BYTE_TO_CHAR: string[] = (() => {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const out: string[] = new Array<string>(256);
  bs.forEach((b, i) => (out[b] = String.fromCharCode(cs[i] ?? 0)));
  return out;
})();

const GPT2_SPLIT = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const encoder = new TextEncoder();

/** The same normalisation the tokenizer.json declares, so training counts what inference sees. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[ \t]+/g, ' ');
}

export function preTokenize(text: string): string[] {
  const pieces = normalize(text).match(/[^\d]+|\d/gu) ?? [];
  return pieces.flatMap((piece) =>
    (piece.match(GPT2_SPLIT) ?? []).map((w) => Array.from(encoder.encode(w), (b) => BYTE_TO_CHAR[b] ?? '').join(''))
  );
}

export interface TrainedBpe {
  vocab: Map<string, number>;
  merges: [string, string][];
}

export function trainBpe(wordCounts: Map<string, number>, vocabSize: number, maxTokenChars: number): TrainedBpe {
  const vocab = new Map<string, number>();
  SPECIALS.forEach((s) => vocab.set(s, vocab.size));
  for (const ch of BYTE_TO_CHAR) vocab.set(ch, vocab.size);
  const words = [...wordCounts].map(([w, count]) => ({ symbols: [...w], count }));
  const merges: [string, string][] = [];
  while (vocab.size < vocabSize) {
    const pairs = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const a = symbols[i] ?? '';
        const b = symbols[i + 1] ?? '';
        if ([...a].length + [...b].length > maxTokenChars) continue;
        const key = `${a} ${b}`;
        pairs.set(key, (pairs.get(key) ?? 0) + count);
      }
    }
    let best = '';
    let bestCount = 1;
    for (const [key, c] of pairs) {
      if (c > bestCount || (c === bestCount && key < best)) {
        best = key;
        bestCount = c;
      }
    }
    if (best === '') break;
    const [a, b] = best.split(' ') as [string, string];
    merges.push([a, b]);
    vocab.set(a + b, vocab.size);
    for (const w of words) {
      const s = w.symbols;
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] === a && s[i + 1] === b) s.splice(i, 2, a + b);
      }
    }
  }
  return { vocab, merges };
}

export function tokenizerJson(bpe: TrainedBpe): object {
  const special = (content: string, id: number) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((s, i) => special(s, i)),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Replace', pattern: { Regex: '[‘’]' }, content: "'" },
        { type: 'Replace', pattern: { Regex: '[“”]' }, content: '"' },
        { type: 'Replace', pattern: { Regex: '[ \\t]+' }, content: ' ' }
      ]
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Digits', individual_digits: true },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true }
      ]
    },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }
      ],
      special_tokens: { '<s>': { id: '<s>', ids: [BOS_ID], tokens: ['<s>'] } }
    },
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(bpe.vocab),
      merges: bpe.merges
    }
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    bos_token: '<s>',
    eos_token: '</s>',
    pad_token: '<pad>',
    unk_token: null,
    add_bos_token: true,
    add_eos_token: false,
    clean_up_tokenization_spaces: false,
    padding_side: 'left',
    model_max_length: maxLength
  };
}
