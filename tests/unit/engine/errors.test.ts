import { describe, expect, it } from 'vitest';
import { BusyError, EngineError, ModelLoadError, errorFromWire, toWire } from '../../../src/lib/engine/errors.ts';

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
