import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { llamaParameterCount } from '$lib/models/modelSize.ts';
import {
  KOJIMA_2022,
  formatDelta,
  formatParameters,
  formatRatio,
  isRelevant,
  liveComparison,
  liveConsistency,
  WANG_2022,
  sizeRatio
} from '$lib/eval/reference.ts';

const config: unknown = JSON.parse(readFileSync(join(process.cwd(), 'models/think-small-3m/config.json'), 'utf8'));

describe('llamaParameterCount', () => {
  it('counts the bundled model from its config.json: 2,788,000, as the model card says', () =>
    expect(llamaParameterCount(config)).toBe(2_788_000));
  it('counts tied embeddings once', () => {
    const tied = { ...(config as object), tie_word_embeddings: true };
    expect(llamaParameterCount(tied)).toBe(2_788_000 - 1024 * 160);
  });
  it('counts one key/value head per query head when the config has as many', () => {
    const full = { ...(config as object), num_key_value_heads: 5 };
    expect(llamaParameterCount(full)).toBe(2_788_000 + 8 * 2 * 160 * 4 * 32);
  });
  it('takes a config without num_key_value_heads as one key/value head per query head', () => {
    const older: Record<string, unknown> = { ...(config as object) };
    delete older.num_key_value_heads;
    expect(llamaParameterCount(older)).toBe(2_788_000 + 8 * 2 * 160 * 4 * 32);
  });
  it('refuses what is not a llama config', () => {
    expect(llamaParameterCount(null)).toBeNull();
    expect(llamaParameterCount([])).toBeNull();
    expect(llamaParameterCount({ ...(config as object), model_type: 'gpt2' })).toBeNull();
    expect(llamaParameterCount({ ...(config as object), hidden_size: -1 })).toBeNull();
    expect(llamaParameterCount({ ...(config as object), hidden_size: '160' })).toBeNull();
  });
});

describe('KOJIMA_2022', () => {
  it('holds the paper figures for text-davinci-002 (175B)', () => {
    expect(KOJIMA_2022.parameters).toBe(175e9);
    const byName = Object.fromEntries(KOJIMA_2022.rows.map((r) => [r.dataset, [r.zeroShot, r.zeroShotCot]]));
    expect(byName).toEqual({
      MultiArith: [17.7, 78.7],
      GSM8K: [10.4, 40.7],
      AddSub: [72.2, 69.6],
      SingleEq: [74.6, 78.0],
      SVAMP: [58.8, 62.1],
      'Coin Flip': [12.8, 91.4],
      'Last Letters': [0.2, 57.6]
    });
  });
  it('maps every row to a generator family', () => {
    expect(KOJIMA_2022.rows.filter((r) => isRelevant(r, 'coin')).map((r) => r.dataset)).toEqual(['Coin Flip']);
    expect(KOJIMA_2022.rows.filter((r) => isRelevant(r, 'mixed'))).toHaveLength(7);
  });
});

describe('sizes', () => {
  it('puts the bundled model about 62,000 times below the paper model', () => {
    expect(formatRatio(sizeRatio(175e9, 2_808_480))).toBe('62,000×');
    expect(sizeRatio(175e9, null)).toBeNull();
    expect(sizeRatio(175e9, 0)).toBeNull();
    expect(formatRatio(null)).toBe('—');
  });
  it('formats parameter counts', () => {
    expect(formatParameters(2_808_480)).toBe('2.8M');
    expect(formatParameters(175e9)).toBe('175B');
    expect(formatParameters(1_500)).toBe('1.5k');
    expect(formatParameters(12)).toBe('12');
    expect(formatParameters(null)).toBe('—');
  });
});

describe('liveConsistency and Wang et al.', () => {
  it("puts the page's zero-shot CoT next to its self-consistency, in percent", () => {
    expect(
      liveConsistency([
        { mode: 'zero-shot-cot', accuracy: 0.269 },
        { mode: 'self-consistency', accuracy: 0.2395 }
      ])
    ).toEqual({ cot: 26.9, selfConsistency: 24 });
  });
  it('leaves self-consistency blank when it was not evaluated', () =>
    expect(liveConsistency([{ mode: 'zero-shot-cot', accuracy: 0.5 }]).selfConsistency).toBeNull());
  it("keeps the paper's figures as printed: self-consistency helps every row", () => {
    for (const row of WANG_2022.rows) expect(row.selfConsistency).toBeGreaterThan(row.cot);
    expect(WANG_2022.rows.find((r) => r.model === 'PaLM' && r.dataset === 'GSM8K')).toMatchObject({
      cot: 56.5,
      selfConsistency: 74.4
    });
  });
});

describe('liveComparison', () => {
  it('maps answer-only to the paper’s zero-shot and zero-shot CoT to zero-shot CoT, in percent', () => {
    expect(
      liveComparison([
        { mode: 'zero-shot-cot', accuracy: 0.625 },
        { mode: 'answer-only', accuracy: 0.1 }
      ])
    ).toEqual({ zeroShot: 10, zeroShotCot: 62.5 });
  });
  it('is null for modes not evaluated', () =>
    expect(liveComparison([{ mode: 'few-shot-cot', accuracy: 1 }])).toEqual({ zeroShot: null, zeroShotCot: null }));
  it('formats the change in points with a real minus sign', () => {
    expect(formatDelta(17.7, 78.7)).toBe('+61.0');
    expect(formatDelta(72.2, 69.6)).toBe('−2.6');
    expect(formatDelta(null, 1)).toBe('—');
  });
});
