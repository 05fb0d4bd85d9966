import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PromptFormatError, parsePromptFormat } from '$lib/prompts/format.ts';
import { MODES, MODE_LABELS, isMode } from '$lib/prompts/modes.ts';
import { FORMAT, formatJson } from './fixture.ts';

// Unit tests run under Vite's client transform, where `new URL(…, import.meta.url)` becomes a browser asset URL.
const REAL = resolve(process.cwd(), 'models/think-small-3m/prompts.json');

function rejects(json: unknown, message: RegExp): void {
  let error: unknown;
  try {
    parsePromptFormat(json);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PromptFormatError);
  expect((error as PromptFormatError).name).toBe('PromptFormatError');
  expect((error as PromptFormatError).message).toMatch(message);
}

describe('parsePromptFormat', () => {
  it('accepts a complete format and returns the same content', () => {
    expect(parsePromptFormat(formatJson())).toEqual(FORMAT);
  });

  it('drops unknown keys', () => {
    const json = { ...formatJson(), extra: 'x' };
    expect(parsePromptFormat(json)).not.toHaveProperty('extra');
  });

  it('treats a missing useExemplars as false', () => {
    const json = formatJson();
    const modes = json.modes as Record<string, Record<string, unknown>>;
    delete modes['few-shot-cot']?.useExemplars;
    expect(parsePromptFormat(json).modes['few-shot-cot'].useExemplars).toBe(false);
  });

  it.each([null, 'text', 42, []])('rejects a non-object: %j', (json) => {
    rejects(json, /must be an object/);
  });

  it('rejects another version', () => {
    rejects({ ...formatJson(), version: 2 }, /version 2/);
  });

  it('rejects missing modes', () => {
    const json = formatJson();
    delete json.modes;
    rejects(json, /modes/);
  });

  it.each(MODES)('rejects a format without the %s mode', (mode) => {
    const json = formatJson();
    json.modes = Object.fromEntries(Object.entries(json.modes as object).filter(([k]) => k !== mode));
    rejects(json, new RegExp(`mode ${mode} is missing`));
  });

  it("samples self-consistency from zero-shot CoT's prompt when a format written before it has no entry", () => {
    const json = formatJson();
    json.modes = Object.fromEntries(Object.entries(json.modes as object).filter(([k]) => k !== 'self-consistency'));
    const format = parsePromptFormat(json);
    expect(format.modes['self-consistency']).toEqual(format.modes['zero-shot-cot']);
  });

  it("the shipped prompts.json samples self-consistency's chains from the zero-shot CoT prompt", () => {
    const format = parsePromptFormat(JSON.parse(readFileSync(REAL, 'utf8')));
    expect(format.modes['self-consistency']).toEqual(format.modes['zero-shot-cot']);
  });

  it('rejects a mode whose prompt is not a string', () => {
    const json = formatJson();
    (json.modes as Record<string, Record<string, unknown>>)['answer-only'] = { exemplar: 'x', prompt: 3 };
    rejects(json, /answer-only\.prompt/);
  });

  it('rejects exemplars that are not a list', () => {
    rejects({ ...formatJson(), exemplars: {} }, /exemplars must be a list/);
  });

  it('rejects an exemplar without an answer', () => {
    rejects({ ...formatJson(), exemplars: [{ question: 'q', rationale: 'r' }] }, /exemplar 0\.answer/);
  });

  it('rejects an exemplar that is not an object', () => {
    rejects({ ...formatJson(), exemplars: ['q'] }, /exemplar 0 must be an object/);
  });

  it('rejects an answer pattern that is not a regular expression', () => {
    rejects({ ...formatJson(), answerPattern: 'The answer is (' }, /answerPattern/);
  });

  it.each(['trigger', 'exemplarSeparator', 'answerPattern'])('rejects a missing %s', (key) => {
    const json = Object.fromEntries(Object.entries(formatJson()).filter(([k]) => k !== key));
    rejects(json, new RegExp(key));
  });

  it.skipIf(!existsSync(REAL))('accepts the bundled model’s prompts.json', () => {
    const format = parsePromptFormat(JSON.parse(readFileSync(REAL, 'utf8')));
    expect(format.exemplars.length).toBeGreaterThan(0);
    for (const mode of MODES) expect(format.modes[mode].prompt).toContain('{question}');
  });
});

describe('modes', () => {
  it('lists the three modes in pane order', () => {
    expect(MODES).toEqual(['zero-shot-cot', 'few-shot-cot', 'answer-only']);
  });

  it('labels every mode', () => {
    for (const mode of MODES) expect(MODE_LABELS[mode].length).toBeGreaterThan(0);
  });

  it('isMode accepts mode ids only', () => {
    expect(isMode('few-shot-cot')).toBe(true);
    expect(isMode('few-shot')).toBe(false);
    expect(isMode(undefined)).toBe(false);
  });
});
