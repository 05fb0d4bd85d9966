import { describe, expect, it } from 'vitest';
import {
  BusyError,
  EngineError,
  EngineFatalError,
  GenerationError,
  IntegrityError,
  ModelLoadError,
  errorFromWire,
  generationFailure,
  toWire
} from '$lib/engine/shared/errors.ts';

describe('errors over the wire', () => {
  it('round-trips a named error to its class', () => {
    const err = errorFromWire(...(Object.values(toWire(new ModelLoadError('gone'))) as [string, string]));
    expect(err).toBeInstanceOf(ModelLoadError);
    expect(err.name).toBe('ModelLoadError');
    expect(err.message).toBe('gone');
  });
  it('keeps an unknown name in the message', () => {
    const err = errorFromWire('TypeError', 'x is undefined');
    expect(err).toBeInstanceOf(EngineError);
    expect(err.message).toBe('TypeError: x is undefined');
  });
  it('wires non-errors', () => expect(toWire('boom')).toEqual({ name: 'EngineError', message: 'boom' }));
  it('BusyError is an EngineError', () => expect(new BusyError('x')).toBeInstanceOf(EngineError));
});

describe('generationFailure', () => {
  it('a wasm abort is fatal (the worker must be replaced)', () => {
    expect(generationFailure(new WebAssembly.RuntimeError('unreachable'))).toBeInstanceOf(EngineFatalError);
    expect(generationFailure(new Error('RuntimeError: Aborted(). Build with -sASSERTIONS'))).toBeInstanceOf(
      EngineFatalError
    );
    expect(generationFailure(new Error('memory access out of bounds'))).toBeInstanceOf(EngineFatalError);
    expect(generationFailure(new Error('GPU device was lost'))).toBeInstanceOf(EngineFatalError);
  });
  it('anything else is a GenerationError with the message', () => {
    const err = generationFailure(new Error('invalid input shape'));
    expect(err).toBeInstanceOf(GenerationError);
    expect(err.message).toBe('invalid input shape');
  });
  it('new named errors survive the wire', () =>
    expect(errorFromWire('IntegrityError', 'x')).toBeInstanceOf(IntegrityError));
});
