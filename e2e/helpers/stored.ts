/**
 * Reads the app's IndexedDB (`garim`, src/store/db.ts) straight from the page, bypassing the app: what the
 * specs check is what was really written. Records come back as plain data; each spec types the fields it reads.
 */
import type { Page } from '@playwright/test';

/** Every record of each named object store, read in one transaction (so the stores agree with each other). */
export function storedRecords<T extends Record<string, unknown[]>>(
  page: Page,
  stores: (keyof T & string)[],
): Promise<T> {
  return page.evaluate(
    (names) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('garim');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction(names);
          const requests = names.map((name) => tx.objectStore(name).getAll());
          tx.onerror = () => reject(new Error(String(tx.error)));
          tx.oncomplete = () => {
            resolve(Object.fromEntries(names.map((name, i) => [name, requests[i]!.result])) as T);
            open.result.close();
          };
        };
      }),
    stores,
  );
}

/** The keys of one object store, in key order (without the records, which may hold Blobs). */
export function storedKeys<K>(page: Page, store: string): Promise<K[]> {
  return page.evaluate(
    (name) =>
      new Promise<K[]>((resolve, reject) => {
        const open = indexedDB.open('garim');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAllKeys();
          request.onerror = () => reject(new Error(String(request.error)));
          request.onsuccess = () => {
            resolve(request.result as K[]);
            open.result.close();
          };
        };
      }),
    store,
  );
}

/** A project record's fields that the specs read. */
export type StoredProject = { historyCursor: number; state: string; analysedFrames: number };
/** One edit-history record. */
export type StoredEdit = { seq: number; op: string; payload: { trackId?: number } };
/** One track record: its points by frame. */
export type StoredTrack = { id: number; points: { frameIndex: number; box: { x: number } }[] };

/** The stored edit history in order (`op#trackId`) and the cursor of the only project (-1: none). */
export async function storedHistory(page: Page): Promise<{ edits: string[]; cursor: number }> {
  const { projects, history } = await storedRecords<{
    projects: StoredProject[];
    history: StoredEdit[];
  }>(page, ['projects', 'history']);
  const edits = history
    .sort((a, b) => a.seq - b.seq)
    .map((e) => `${e.op}#${e.payload.trackId ?? ''}`);
  return { edits, cursor: projects[0]?.historyCursor ?? -1 };
}
