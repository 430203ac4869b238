/**
 * Where export writes its output: a file in the origin-private file system (OPFS), written piece by piece as
 * the muxer produces it (a `FileSystemSyncAccessHandle`, which only workers get), so a long video's output
 * never sits whole in memory. The finished file is handed on as a disk-backed `File`. The main thread names
 * the file and holds a Web Lock on it while it keeps the result (src/job/output-files.ts); files nobody holds
 * are deleted. Undefined where OPFS or sync access handles are missing: export then keeps the output in memory.
 */
import type { StreamTargetChunk } from 'mediabunny';

/** The OPFS folder of export outputs (shared with src/job/output-files.ts). */
export const OUTPUT_DIR = 'garim-exports';

/** Bytes to write over what the muxer wrote, once it has finished (e.g. the MP4 header with dates cleared). */
export type Patch = { position: number; bytes: Uint8Array };

export type OutputFile = {
  /** Where the muxer writes (mediabunny `StreamTarget`): every chunk goes to disk at its position. */
  writable: WritableStream<StreamTargetChunk>;
  /** Writes `patches`, closes the file and returns it, disk-backed. */
  finish(patches: readonly Patch[]): Promise<File>;
  /** Closes and deletes the file (export failed or stopped). */
  discard(): Promise<void>;
};

/** The part of `FileSystemSyncAccessHandle` used here (the DOM typings, which src/media also builds against, lack it). */
type SyncAccess = {
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
};
type SyncCapable = { createSyncAccessHandle?: () => Promise<SyncAccess> };

/** The outputs folder, or undefined where this context has no OPFS (or refuses it, e.g. some private modes). */
export async function outputDirectory(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    const root = await navigator.storage?.getDirectory?.();
    return await root?.getDirectoryHandle(OUTPUT_DIR, { create: true });
  } catch {
    return undefined;
  }
}

/** A file name the main thread made (src/job/output-files.ts): no path separators, nothing odd. */
export function isOutputName(name: string): boolean {
  return /^[\w-]{1,200}$/.test(name);
}

function writeAt(access: SyncAccess, data: Uint8Array, position: number): void {
  let written = 0;
  while (written < data.byteLength) {
    const n = access.write(data.subarray(written), { at: position + written });
    if (n <= 0) throw new Error('The output file took no more bytes (is the disk full?)');
    written += n;
  }
}

/** Opens (emptied) the OPFS output file `name` for writing; undefined when this context cannot. */
export async function createOutputFile(name: string): Promise<OutputFile | undefined> {
  if (!isOutputName(name)) throw new Error(`Not an output file name: ${name}`);
  const dir = await outputDirectory();
  if (!dir) return undefined;
  const handle = await dir.getFileHandle(name, { create: true });
  const open = (handle as unknown as SyncCapable).createSyncAccessHandle;
  if (typeof open !== 'function') return undefined;
  const access = await open.call(handle);
  access.truncate(0);
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    access.flush();
    access.close();
  };
  return {
    writable: new WritableStream<StreamTargetChunk>({
      write: (chunk) => writeAt(access, chunk.data, chunk.position),
    }),
    async finish(patches) {
      for (const patch of patches) writeAt(access, patch.bytes, patch.position);
      close();
      return handle.getFile();
    },
    async discard() {
      try {
        close();
      } finally {
        await dir.removeEntry(name).catch(() => undefined);
      }
    },
  };
}
