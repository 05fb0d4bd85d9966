import { describe, expect, it } from 'vitest';
import { dataUrlBlob } from '$lib/ui/clipboard.ts';

describe('dataUrlBlob', () => {
  it('reads the bytes and type of a base64 data URL', async () => {
    const blob = dataUrlBlob(`data:image/png;base64,${btoa('\x89PNG\r\n')}`);
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
  });
});
