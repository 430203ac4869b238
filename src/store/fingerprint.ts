/**
 * The source fingerprint: SHA-256 of the file's bytes, lowercase hex, the same value `sha256sum` prints.
 *
 * Memory: crypto.subtle.digest only hashes a whole buffer, so it is used for files up to
 * WHOLE_DIGEST_MAX_BYTES (128 MiB: native and fast, one buffer of that size for a moment). Larger files
 * are read in HASH_CHUNK_BYTES (8 MiB) slices with Blob.slice().arrayBuffer() and fed to an incremental
 * SHA-256 (sha256.ts), so at most one slice is in memory whatever the file's size: a 4 GB video never
 * becomes one ArrayBuffer. The price is speed (plain JS, roughly 60–250 MB/s depending on the CPU, so
 * about 10–35 s for 2 GB): report progress with onProgress. Between slices the thread is free (each
 * slice is one await) and the signal is checked. The module has no DOM dependency, so it can also run
 * in a worker. Without crypto.subtle (an insecure context) every size takes the sliced path.
 */
import { assertNotAborted } from '../lib/abort.ts';
import { Sha256, toHex } from './sha256.ts';

export const WHOLE_DIGEST_MAX_BYTES = 128 * 2 ** 20;
export const HASH_CHUNK_BYTES = 8 * 2 ** 20;

export type HashOptions = {
  signal?: AbortSignal;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Overrides for tests. */
  wholeMaxBytes?: number;
  chunkBytes?: number;
};

function subtle(): SubtleCrypto | undefined {
  return globalThis.crypto?.subtle;
}

async function slicedSha256(blob: Blob, options: HashOptions): Promise<string> {
  const hash = new Sha256();
  const chunkBytes = options.chunkBytes ?? HASH_CHUNK_BYTES;
  for (let offset = 0; offset < blob.size; offset += chunkBytes) {
    assertNotAborted(options.signal);
    const end = Math.min(offset + chunkBytes, blob.size);
    hash.update(new Uint8Array(await blob.slice(offset, end).arrayBuffer()));
    options.onProgress?.(end, blob.size);
  }
  return toHex(hash.digest());
}

export async function sha256OfBlob(blob: Blob, options: HashOptions = {}): Promise<string> {
  assertNotAborted(options.signal);
  const native = subtle();
  if (!native || blob.size > (options.wholeMaxBytes ?? WHOLE_DIGEST_MAX_BYTES)) {
    return slicedSha256(blob, options);
  }
  const digest = await native.digest('SHA-256', await blob.arrayBuffer());
  options.onProgress?.(blob.size, blob.size);
  return toHex(new Uint8Array(digest));
}

export type FingerprintCheck =
  { match: true; sha256: string } | { match: false; expectedSha256: string; actualSha256: string };

/** Whether `file` is the video a project (or project file) was made from. */
export async function checkFingerprint(
  file: Blob,
  sha256: string,
  options: HashOptions = {},
): Promise<FingerprintCheck> {
  const actual = await sha256OfBlob(file, options);
  const expected = sha256.trim().toLowerCase();
  if (actual === expected) return { match: true, sha256: actual };
  return { match: false, expectedSha256: expected, actualSha256: actual };
}
