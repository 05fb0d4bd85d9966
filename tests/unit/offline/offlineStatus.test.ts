import { describe, expect, it } from 'vitest';
import { buildOf, offlineStatus, workerUrlFor, type WorkerCopy } from '$lib/offline/offlineStatus.ts';

const whole: WorkerCopy = { kind: 'registered', expected: 'b1', build: 'b1', complete: true };
const ENGINE = { modelCached: true, runtimeStored: true };

describe('offlineStatus', () => {
  it('says "works offline" only when the copy is whole and the model is cached', () => {
    expect(offlineStatus({ copy: whole, online: true, engine: ENGINE })).toMatchObject({
      kind: 'saved',
      label: 'Works offline'
    });
  });

  it('is still saving while the worker has not answered, is half done, or holds an older build', () => {
    for (const copy of [
      { kind: 'registered', expected: 'b1', build: null, complete: false },
      { kind: 'registered', expected: 'b1', build: 'b1', complete: false },
      { kind: 'registered', expected: 'b2', build: 'b1', complete: true }
    ] satisfies WorkerCopy[])
      expect(offlineStatus({ copy, online: true, engine: ENGINE }).kind).toBe('saving');
  });

  it('waits for the model, and for its runtime to be stored, before promising anything', () => {
    expect(offlineStatus({ copy: whole, online: true, engine: null }).kind).toBe('saving');
    expect(offlineStatus({ copy: whole, online: true, engine: { modelCached: true, runtimeStored: false } }).kind).toBe(
      'saving'
    );
  });

  it('says the model was not stored when the engine could not cache it', () =>
    expect(
      offlineStatus({ copy: whole, online: true, engine: { modelCached: false, runtimeStored: true } })
    ).toMatchObject({
      kind: 'page-only',
      label: 'Page saved, model not'
    }));

  it('is online-only without a service worker, on the dev server, or when the browser refused', () => {
    for (const copy of [
      { kind: 'unsupported' },
      { kind: 'dev' },
      { kind: 'refused', reason: 'SecurityError' }
    ] satisfies WorkerCopy[])
      expect(offlineStatus({ copy, online: true, engine: ENGINE }).kind).toBe('online-only');
    expect(
      offlineStatus({ copy: { kind: 'refused', reason: 'quota' }, online: true, engine: ENGINE }).detail
    ).toContain('quota');
  });

  it('says offline with the network gone, and whether the page has its copy', () => {
    const withCopy = offlineStatus({ copy: whole, online: false, engine: ENGINE });
    expect(withCopy).toMatchObject({ kind: 'offline', label: 'Offline' });
    expect(withCopy.detail).toContain("this device's copy");
    expect(offlineStatus({ copy: { kind: 'unsupported' }, online: false, engine: null }).detail).toContain(
      'no complete offline copy'
    );
  });
});

describe('the worker URL', () => {
  it('sits beside the register script and carries the build id', () =>
    expect(workerUrlFor('https://talks.example/think/coi-register.js', 'ab12')).toBe(
      'https://talks.example/think/coi-sw.js?build=ab12'
    ));
  it('gives its build id back', () =>
    expect(buildOf(workerUrlFor('https://a.test/coi-register.js', 'ab12'))).toBe('ab12'));
});
