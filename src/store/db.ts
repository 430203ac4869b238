/**
 * The database: typed schema, numbered migrations, and the connection's behaviour with other tabs.
 * This is the only file that imports `idb`; other store modules use the types re-exported here.
 *
 * Versions (never edit a shipped step; add a new `if (oldVersion < n)` block instead):
 *   1  projects, sources (the original file, once per project), frames keyed [projectId, frameIndex]
 *   2  tracks and history keyed [projectId, n]; projects index 'by-sha256'; projects gain historyCursor
 *   3  previews keyed [projectId, frameIndex]: the per-frame JPEGs move out of the frame records, so reading
 *      every frame's regions (a reopen) does not make a Blob per frame (9,000 of them: ≈ 7 s vs 0.3–0.9 s)
 */
import {
  deleteDB,
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPObjectStore,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import { StorageUnavailableError, StoreBlockedError, StoreOutdatedError } from './errors.ts';
import type {
  EditRecord,
  FrameRecord,
  PreviewRecord,
  ProjectRecord,
  SourceRecord,
  TrackRecord,
} from './records.ts';

export const DB_NAME = 'garim';
export const DB_VERSION = 3;

/** An `interface` because idb's DBSchema is one (its index signature needs `extends`). */
export interface GarimSchema extends DBSchema {
  projects: { key: string; value: ProjectRecord; indexes: { 'by-sha256': string } };
  sources: { key: string; value: SourceRecord };
  frames: { key: [string, number]; value: FrameRecord };
  tracks: { key: [string, number]; value: TrackRecord };
  history: { key: [string, number]; value: EditRecord };
  previews: { key: [string, number]; value: PreviewRecord };
}

export type GarimDb = IDBPDatabase<GarimSchema>;
export type GarimStore = StoreNames<GarimSchema>;
export type UpgradeTx = IDBPTransaction<GarimSchema, GarimStore[], 'versionchange'>;
export type WriteTx<S extends readonly GarimStore[]> = IDBPTransaction<GarimSchema, S, 'readwrite'>;
/** Store `N` of a readwrite transaction over `S`, for helpers that write inside the caller's transaction. */
export type WriteStore<S extends readonly GarimStore[], N extends GarimStore> = IDBPObjectStore<
  GarimSchema,
  S,
  N,
  'readwrite'
>;

function createV1(db: GarimDb): void {
  db.createObjectStore('projects', { keyPath: 'id' });
  db.createObjectStore('sources', { keyPath: 'projectId' });
  db.createObjectStore('frames', { keyPath: ['projectId', 'frameIndex'] });
}

/** Runs inside the upgrade transaction: IDB requests only, no other awaits. */
async function backfillHistoryCursor(tx: UpgradeTx): Promise<void> {
  let cursor = await tx.objectStore('projects').openCursor();
  while (cursor) {
    const value: unknown = cursor.value;
    if (typeof value === 'object' && value !== null && !('historyCursor' in value)) {
      await cursor.update({ ...(value as ProjectRecord), historyCursor: 0 });
    }
    cursor = await cursor.continue();
  }
}

function upgradeToV2(db: GarimDb, tx: UpgradeTx): void {
  db.createObjectStore('tracks', { keyPath: ['projectId', 'id'] });
  db.createObjectStore('history', { keyPath: ['projectId', 'seq'] });
  tx.objectStore('projects').createIndex('by-sha256', 'sourceSha256');
  // Any failure aborts the whole upgrade, so openDB rejects and nothing is left half-migrated.
  backfillHistoryCursor(tx).catch(() => {
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
  });
}

type LegacyFrame = { projectId?: unknown; frameIndex?: unknown; preview?: unknown };

/** A v2 frame record whose preview can move: a Blob, under a key the previews store accepts. */
function movablePreview(value: unknown): value is FrameRecord & { preview: Blob } {
  if (typeof value !== 'object' || value === null) return false;
  const { projectId, frameIndex, preview } = value as LegacyFrame;
  return typeof projectId === 'string' && Number.isFinite(frameIndex) && preview instanceof Blob;
}

/** Runs inside the upgrade transaction: moves each frame's preview into its own record. */
async function movePreviews(tx: UpgradeTx): Promise<void> {
  const previews = tx.objectStore('previews');
  let cursor = await tx.objectStore('frames').openCursor();
  while (cursor) {
    const value: unknown = cursor.value;
    if (movablePreview(value)) {
      const { preview, ...frame } = value;
      await previews.put({
        projectId: frame.projectId,
        frameIndex: frame.frameIndex,
        blob: preview,
      });
      await cursor.update(frame);
    }
    cursor = await cursor.continue();
  }
}

function upgradeToV3(db: GarimDb, tx: UpgradeTx): void {
  db.createObjectStore('previews', { keyPath: ['projectId', 'frameIndex'] });
  movePreviews(tx).catch(() => abortUpgrade(tx));
}

function abortUpgrade(tx: UpgradeTx): void {
  try {
    tx.abort();
  } catch {
    // already aborted by the failed request
  }
}

function upgrade(db: GarimDb, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  if (oldVersion < 1 && newVersion >= 1) createV1(db);
  if (oldVersion < 2 && newVersion >= 2) upgradeToV2(db, tx);
  if (oldVersion < 3 && newVersion >= 3) upgradeToV3(db, tx);
}

export type OpenOptions = {
  name?: string;
  /** Tests open older versions to exercise migrations; the app always uses DB_VERSION. */
  version?: number;
  /** Another tab keeps an older version open; the open waits until it closes. Tell the person. */
  onBlocked?: (error: StoreBlockedError) => void;
  /** Our connection was closed: another tab upgrades ('upgrade-elsewhere') or the browser ended it. */
  onClosed?: (reason: 'upgrade-elsewhere' | 'terminated') => void;
};

function isVersionError(error: unknown): boolean {
  return error instanceof Error && error.name === 'VersionError';
}

/**
 * Opens (creating or migrating) the database. `blocking` closes this connection at once so that a newer
 * tab can upgrade; later calls on it throw, and the app should offer a reload (onClosed tells it when).
 */
export async function openGarimDb(options: OpenOptions = {}): Promise<GarimDb> {
  if (typeof indexedDB === 'undefined') throw new StorageUnavailableError();
  const version = options.version ?? DB_VERSION;
  const holder: { db?: GarimDb } = {};
  try {
    holder.db = await openDB<GarimSchema>(options.name ?? DB_NAME, version, {
      upgrade: (db, oldVersion, newVersion, tx) =>
        upgrade(db, oldVersion, newVersion ?? version, tx),
      blocked: (openVersion) => options.onBlocked?.(new StoreBlockedError(openVersion, version)),
      blocking: () => {
        holder.db?.close();
        options.onClosed?.('upgrade-elsewhere');
      },
      terminated: () => options.onClosed?.('terminated'),
    });
    return holder.db;
  } catch (error) {
    // Our version is older than the stored one: a newer Garim ran in another tab.
    if (isVersionError(error)) throw new StoreOutdatedError();
    throw error;
  }
}

let shared: Promise<GarimDb> | undefined;

/**
 * The app's one connection, opened on first use. After it is closed (another tab upgrades, or the
 * browser ends it) the next call opens again, which throws StoreOutdatedError if a newer version won.
 */
export function getGarimDb(options: Omit<OpenOptions, 'name' | 'version'> = {}): Promise<GarimDb> {
  shared ??= openGarimDb({
    ...options,
    onClosed: (reason) => {
      shared = undefined;
      options.onClosed?.(reason);
    },
  }).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

/**
 * Deletes the whole database (every project, frame, track and edit): the privacy panel's "clear everything".
 * Closes the app's own connection first; another open tab can hold the deletion up until it closes (onBlocked).
 */
export async function deleteGarimDb(onBlocked?: () => void): Promise<void> {
  const open = shared;
  shared = undefined;
  if (open) await open.then((db) => db.close()).catch(() => undefined);
  await deleteDB(DB_NAME, { blocked: () => onBlocked?.() });
}

/** A key range covering every record of one project in a store keyed [projectId, n]. */
export function projectRange(projectId: string): IDBKeyRange {
  return IDBKeyRange.bound([projectId, -Infinity], [projectId, Infinity]);
}
