import { describe, expect, it } from 'vitest';
import { modelFileUrl } from '$lib/engine/shared/modelUrl.ts';
import type { ModelRef } from '$lib/core/types.ts';
import { addSpecialTokens, hubDtypes, modelFilesOf, pointAt } from '$lib/engine/worker/modelSource.ts';

const bundled: ModelRef = {
  source: 'bundled',
  id: 'think-small-3m',
  baseUrl: 'http://localhost:4173/models/',
  dtypes: ['q8', 'q4']
};
const hub: ModelRef = {
  source: 'hub',
  id: 'onnx-community/Qwen3-0.6B-ONNX',
  baseUrl: 'https://huggingface.co/',
  dtypes: ['q4f16', 'q4'],
  revision: 'main',
  chat: true,
  manifest: { algorithm: 'sha256', files: { 'onnx/model_q4f16.onnx': { bytes: 1, sha256: 'a'.repeat(64) } } }
};
const env = () => ({
  allowRemoteModels: true,
  allowLocalModels: false,
  localModelPath: '/models/',
  remoteHost: 'x',
  remotePathTemplate: 'y'
});

describe('where transformers.js finds the files', () => {
  it('a bundled model: the app origin only, never the Hub', () => {
    const e = env();
    expect(pointAt(e, bundled)).toEqual({});
    expect(e).toMatchObject({ allowRemoteModels: false, allowLocalModels: true, localModelPath: '/models/' });
  });
  it('a Hub model: the Hub (or its stand-in) at the downloaded revision', () => {
    const e = env();
    expect(pointAt(e, hub)).toEqual({ revision: 'main' });
    expect(e).toMatchObject({
      allowRemoteModels: true,
      allowLocalModels: false,
      remoteHost: 'https://huggingface.co/',
      remotePathTemplate: '{model}/resolve/{revision}/'
    });
  });
  it("file URLs follow each source's layout", () => {
    expect(modelFileUrl(bundled, 'config.json')).toBe('http://localhost:4173/models/think-small-3m/config.json');
    expect(modelFileUrl(hub, 'config.json')).toBe(
      'https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/main/config.json'
    );
  });
  it("a Hub model's dtypes are the ones its file list holds", () => {
    expect(hubDtypes(hub)).toEqual(['q4f16']);
    expect(hubDtypes(bundled)).toBeNull();
  });
  it('the manifest of a Hub model comes with it, keyed under its resolve path', async () => {
    const files = await modelFilesOf(hub);
    expect(
      files.fileOf('https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/main/onnx/model_q4f16.onnx')
    ).toBe('onnx/model_q4f16.onnx');
  });
  it('chat prompts carry their own BOS; Q/A prompts get the tokenizer’s', () => {
    expect(addSpecialTokens(hub)).toBe(false);
    expect(addSpecialTokens(bundled)).toBe(true);
  });
});
