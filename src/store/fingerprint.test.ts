import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { checkFingerprint, sha256OfBlob } from './fingerprint.ts';
import { Sha256, toHex } from './sha256.ts';

const nodeSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('incremental SHA-256', () => {
  it('matches the standard test vectors', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(toHex(new Sha256().digest())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(toHex(new Sha256().update(text('abc')).digest())).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const long = text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    const digest = toHex(new Sha256().update(long).digest());
    expect(digest).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto at block boundaries, fed in uneven pieces', () => {
    for (const length of [1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 100_003]) {
      const bytes = new Uint8Array(randomBytes(length));
      const hash = new Sha256();
      for (
        let offset = 0, step = 1;
        offset < length;
        offset += step, step = ((step * 7) % 97) + 1
      ) {
        hash.update(bytes.subarray(offset, offset + step));
      }
      expect(toHex(hash.digest()), `length ${length}`).toBe(nodeSha(bytes));
    }
  });
});

describe('sha256OfBlob', () => {
  const bytes = new Uint8Array(randomBytes(50_000));
  const blob = new Blob([bytes]);

  it('hashes small files whole with crypto.subtle', async () => {
    expect(await sha256OfBlob(blob)).toBe(nodeSha(bytes));
  });

  it('hashes big files slice by slice, the same digest, reporting progress', async () => {
    const onProgress = vi.fn();
    const slice = vi.spyOn(blob, 'slice');
    const digest = await sha256OfBlob(blob, { wholeMaxBytes: 0, chunkBytes: 16_384, onProgress });
    expect(digest).toBe(nodeSha(bytes));
    expect(slice).toHaveBeenCalledTimes(4);
    expect(onProgress.mock.calls.map(([done]: number[]) => done)).toEqual([
      16_384, 32_768, 49_152, 50_000,
    ]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sha256OfBlob(blob, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('checkFingerprint', () => {
  it('accepts the same file and detects a different one', async () => {
    const original = new Blob([new Uint8Array([1, 2, 3])]);
    const other = new Blob([new Uint8Array([1, 2, 4])]);
    const sha = nodeSha(new Uint8Array([1, 2, 3]));
    expect(await checkFingerprint(original, sha.toUpperCase())).toEqual({
      match: true,
      sha256: sha,
    });
    expect(await checkFingerprint(other, sha)).toEqual({
      match: false,
      expectedSha256: sha,
      actualSha256: nodeSha(new Uint8Array([1, 2, 4])),
    });
  });
});
