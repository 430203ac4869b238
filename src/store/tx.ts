/**
 * Write transactions that are all-or-nothing and report a full disk as StorageFullError.
 * `work` may await only IDB requests of `tx` (a foreign await lets the transaction auto-commit early).
 */
import type { GarimDb, GarimStore, WriteTx } from './db.ts';
import { StorageFullError } from './errors.ts';
import { TEST_BUILD } from '../lib/test-build.ts';

/** Chrome and Safari say QuotaExceededError; old Firefox said NS_ERROR_DOM_QUOTA_REACHED. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name } = error as { name?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export function toStoreError(error: unknown, operation: string): unknown {
  return isQuotaError(error) ? new StorageFullError(operation) : error;
}

/**
 * TEST HOOK (test builds only; a production bundle drops it): `localStorage['garim.test.quotaFull'] = '1'`
 * makes every write transaction fail as a full disk does (a DOMException named QuotaExceededError). Off
 * unless that key is set.
 */
function simulatedQuotaFull(): boolean {
  if (!TEST_BUILD) return false;
  try {
    return globalThis.localStorage?.getItem('garim.test.quotaFull') === '1';
  } catch {
    return false;
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted (e.g. the browser aborted it for the failed request).
  }
}

/**
 * Runs `work` in one readwrite transaction over `stores`. If anything fails — a request, `work` itself,
 * or the commit — the transaction is aborted, so nothing of it is stored, and the error is rethrown
 * (a quota error as StorageFullError naming `operation`).
 */
export async function writeTx<const S extends readonly GarimStore[], T>(
  db: GarimDb,
  stores: S,
  operation: string,
  work: (tx: WriteTx<S>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  tx.done.catch(() => undefined); // handled below; keeps an abort from surfacing as unhandled
  try {
    if (simulatedQuotaFull()) throw new DOMException('simulated full disk', 'QuotaExceededError');
    const value = await work(tx);
    await tx.done;
    return value;
  } catch (error) {
    abortQuietly(tx);
    throw toStoreError(error, operation);
  }
}
