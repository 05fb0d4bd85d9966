import { describe, expect, it } from 'vitest';
import { catalogEntry } from '$lib/models/catalog.ts';
import { bytesOf, hubHost, planDtype, resolvePrompts } from '$lib/hub/plan.ts';
import { HUB_HOST } from '$lib/hub/repo.ts';
import { format } from '../state/fixtures.ts';

const gpu = (shaderF16: boolean) => ({ unavailable: null, shaderF16, software: false });
const noGpu = { unavailable: 'this browser has no WebGPU', shaderF16: false, software: false };
const qwen = catalogEntry('onnx-community/Qwen2.5-0.5B-Instruct');

describe('hubHost', () => {
  it('is huggingface.co unless a test build names another', () => {
    expect(hubHost(undefined)).toBe(HUB_HOST);
    expect(hubHost('')).toBe(HUB_HOST);
    expect(hubHost('http://localhost:4175')).toBe('http://localhost:4175/');
  });
});

describe('planDtype', () => {
  const all = ['fp32', 'fp16', 'q8', 'q4', 'q4f16'] as const;
  it('q4f16 on a GPU with shader-f16', () => expect(planDtype(qwen, all, 'auto', gpu(true))?.dtype).toBe('q4f16'));
  it('q4 on a GPU without it, and says so', () => {
    const p = planDtype(qwen, all, 'auto', gpu(false));
    expect(p?.dtype).toBe('q4');
    expect(p?.notices.join(' ')).toMatch(/no shader-f16/);
  });
  it('q8 on WASM', () =>
    expect(planDtype(qwen, all, 'wasm', gpu(true))).toMatchObject({ device: 'wasm', dtype: 'q8' }));
  it('WASM when there is no GPU', () => expect(planDtype(qwen, all, 'auto', noGpu)?.device).toBe('wasm'));
  it('never the catalog-excluded fp32 for a catalog model', () =>
    expect(planDtype(qwen, ['fp32'], 'wasm', noGpu)).toBeNull());
  it('anything the repo has for a model outside the catalog', () =>
    expect(planDtype(null, ['fp32'], 'wasm', noGpu)?.dtype).toBe('fp32'));
});

describe('resolvePrompts', () => {
  it("a repo's own prompts.json wins", () => {
    const r = resolvePrompts(null, format, { ...format, trigger: 'Think.' }, 'T', {});
    expect(r.chat).toBeNull();
    expect(r.format.trigger).toBe('Think.');
  });
  it("a chat model gets the catalog's turns and the chat answer pattern", () => {
    const r = resolvePrompts(catalogEntry('onnx-community/Qwen3-0.6B-ONNX'), format, null, 'T', { eos_token: 'e' });
    expect(r.thinks).toBe(true);
    expect(r.chat?.turns.modes['answer-only'].thinking).toBe(false);
    expect(r.format.answerPattern).not.toBe(format.answerPattern);
  });
  it('an unknown chat model thinks when its template mentions <think>', () =>
    expect(resolvePrompts(null, format, null, '{{ "<think>" }}', {}).thinks).toBe(true));
  it('a base model gets Q/A text', () => expect(resolvePrompts(null, format, null, null, {}).chat).toBeNull());
});

describe('bytesOf', () => {
  it('sums known sizes', () =>
    expect(
      bytesOf([
        { path: 'a', bytes: 3 },
        { path: 'b', bytes: -1 }
      ])
    ).toBe(3));
});
