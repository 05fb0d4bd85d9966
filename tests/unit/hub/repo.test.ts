import { describe, expect, it } from 'vitest';
import {
  apiUrl,
  configFacts,
  filesFor,
  httpProblem,
  manifestOf,
  parseRepo,
  repoDtypes,
  repoProblem,
  tokenizerFacts
} from '$lib/hub/repo.ts';
import { hubFileUrl } from '$lib/engine/shared/modelUrl.ts';
import { gitBlobSha1 } from '$lib/engine/shared/integrity.ts';
import { apiJson, enc, gitSha1, repoFiles } from './hubFakes.ts';

const repo = () => parseRepo('o/m', 'main', apiJson(repoFiles()));

describe('Hub URLs', () => {
  it('asks the API for the file list with blobs', () =>
    expect(apiUrl('https://huggingface.co/', 'o/m', 'main')).toBe(
      'https://huggingface.co/api/models/o/m/revision/main?blobs=true'
    ));
  it('resolves files the way transformers.js requests them', () =>
    expect(hubFileUrl('https://huggingface.co/', 'o/m', 'main', 'onnx/model_q4.onnx')).toBe(
      'https://huggingface.co/o/m/resolve/main/onnx/model_q4.onnx'
    ));
});

describe('parseRepo', () => {
  it('reads commit, sizes, sha256 for LFS files and git ids for the rest', () => {
    const r = repo();
    expect(r.commit).toBe('c'.repeat(40));
    const weights = r.files.find((f) => f.path === 'onnx/model_quantized.onnx');
    expect(weights?.bytes).toBe(1000);
    expect(weights?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.files.find((f) => f.path === 'config.json')?.gitSha1).toMatch(/^[0-9a-f]{40}$/);
  });
  it('refuses an answer without a file list', () => expect(() => parseRepo('o/m', 'main', {})).toThrow(/no file list/));
  it('keeps the revision when the Hub names no commit', () =>
    expect(parseRepo('o/m', 'main', { siblings: [] }).commit).toBe('main'));
});

describe('what a repo offers', () => {
  it('finds the dtypes under onnx/', () => expect(repoDtypes(repo())).toEqual(['q8']));
  it('has no problem when it is a transformers.js model', () => expect(repoProblem(repo())).toBeNull());
  it('says which required file is missing', () => {
    const r = repo();
    r.files = r.files.filter((f) => f.path !== 'tokenizer.json');
    expect(repoProblem(r)).toMatch(/has no tokenizer\.json: it is not a transformers\.js model/);
  });
  it('says when there are no ONNX weights', () => {
    const r = repo();
    r.files = r.files.filter((f) => !f.path.startsWith('onnx/'));
    expect(repoProblem(r)).toMatch(/has no ONNX weights/);
  });
  it('plans the needed files only, with external data', () => {
    const r = repo();
    r.files.push({ path: 'onnx/model_quantized.onnx_data', bytes: 5 }, { path: 'onnx/model_q4.onnx', bytes: 9 });
    expect(filesFor(r, 'q8').map((f) => f.path)).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model_quantized.onnx',
      'onnx/model_quantized.onnx_data'
    ]);
  });
  it('turns the plan into a manifest the cache checks against', () => {
    const m = manifestOf(filesFor(repo(), 'q8'));
    expect(m.files['config.json']?.gitSha1).toMatch(/^[0-9a-f]{40}$/);
    expect(m.files['onnx/model_quantized.onnx']?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('config and tokenizer', () => {
  it('accepts a causal LM and reads its context', () =>
    expect(configFacts('o/m', { model_type: 'qwen3', max_position_embeddings: 40960 })).toEqual({
      modelType: 'qwen3',
      contextTokens: 40960
    }));
  it('refuses an encoder by name', () =>
    expect(() => configFacts('o/m', { model_type: 'bert' })).toThrow(/"bert" model, which transformers\.js cannot/));
  it('refuses a config without model_type', () => expect(() => configFacts('o/m', {})).toThrow(/names no model_type/));
  it('reads the chat template and special tokens (string or AddedToken form)', () =>
    expect(
      tokenizerFacts({ chat_template: 'T', bos_token: { content: '<s>' }, eos_token: '</s>', pad_token: null }, null)
    ).toEqual({ chatTemplate: 'T', tokens: { bos_token: '<s>', eos_token: '</s>' } }));
  it('takes the default of named templates', () =>
    expect(
      tokenizerFacts(
        {
          chat_template: [
            { name: 'tool_use', template: 'X' },
            { name: 'default', template: 'D' }
          ]
        },
        null
      ).chatTemplate
    ).toBe('D'));
  it('prefers a separate chat_template.jinja', () =>
    expect(tokenizerFacts({ chat_template: 'T' }, 'J').chatTemplate).toBe('J'));
  it('has no template for a base model', () => expect(tokenizerFacts({}, null).chatTemplate).toBeNull());
});

describe('httpProblem', () => {
  it('401: private, gated or missing', () =>
    expect(httpProblem(401, 'o/m', 'x').message).toMatch(/needs a signed-in account \(HTTP 401\)/));
  it('404: not found', () =>
    expect(httpProblem(404, 'o/m', 'Model o/m').message).toBe(
      'Model o/m was not found on the Hub (HTTP 404): check the model id and revision.'
    ));
  it('429: wait', () => expect(httpProblem(429, 'o/m', 'x').message).toMatch(/limiting requests/));
  it('500: try later', () =>
    expect(httpProblem(503, 'o/m', 'x').message).toBe('The Hub answered HTTP 503 for x: try again later.'));
});

describe('gitBlobSha1', () => {
  it("is git's object id", async () => {
    const b = enc('hello\n');
    expect(await gitBlobSha1(b)).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(await gitBlobSha1(b)).toBe(gitSha1(b));
  });
});
