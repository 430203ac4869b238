/**
 * Storage honesty: how much room there is, asking the browser to keep our data (persist), and warning
 * before a job that will not fit. Browsers' numbers are estimates (Chrome pads usage, Safari may not
 * report), so a pass here is advice, not a promise: writes still map QuotaExceededError (see tx.ts).
 */
import type { MediaInfo } from '../media/types.ts';

export type StorageEstimate = {
  /** False when the browser offers no navigator.storage (then the numbers are 0). */
  supported: boolean;
  usageBytes: number;
  quotaBytes: number;
  availableBytes: number;
  /** True when the browser promised not to evict our data under storage pressure. */
  persisted: boolean;
};

/** The slice of StorageManager used here; tests pass a fake. */
export type StorageApi = Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>;

function browserStorage(): StorageApi | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

async function requestPersistence(storage: StorageApi): Promise<boolean> {
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false; // some browsers throw outside a secure context or in private windows
  }
}

/** navigator.storage.estimate(), after asking for persistent storage (granted silently or not at all). */
export async function storageEstimate(
  storage: StorageApi | undefined = browserStorage(),
): Promise<StorageEstimate> {
  if (!storage) {
    return { supported: false, usageBytes: 0, quotaBytes: 0, availableBytes: 0, persisted: false };
  }
  const persisted = await requestPersistence(storage);
  const { usage = 0, quota = 0 } = await storage.estimate();
  const availableBytes = Math.max(0, quota - usage);
  return { supported: true, usageBytes: usage, quotaBytes: quota, availableBytes, persisted };
}

export type SpaceCheck =
  | { ok: true; reason: 'fits'; neededBytes: number; availableBytes: number }
  | { ok: true; reason: 'unknown'; neededBytes: number }
  | {
      ok: false;
      reason: 'shortfall';
      neededBytes: number;
      availableBytes: number;
      shortfallBytes: number;
    };

/** Says, before a job starts, whether `neededBytes` more will fit (`unknown` when the browser won't say). */
export async function ensureSpace(
  neededBytes: number,
  storage: StorageApi | undefined = browserStorage(),
): Promise<SpaceCheck> {
  const estimate = await storageEstimate(storage);
  if (!estimate.supported || estimate.quotaBytes === 0) {
    return { ok: true, reason: 'unknown', neededBytes };
  }
  const { availableBytes } = estimate;
  if (neededBytes <= availableBytes) {
    return { ok: true, reason: 'fits', neededBytes, availableBytes };
  }
  const shortfallBytes = neededBytes - availableBytes;
  return { ok: false, reason: 'shortfall', neededBytes, availableBytes, shortfallBytes };
}

/** A small JPEG preview (≈ 320 px wide, quality 0.6) is a few kB; detections a few hundred bytes. */
export const PREVIEW_BYTES_PER_FRAME_ESTIMATE = 8_000;
export const REGION_BYTES_PER_FRAME_ESTIMATE = 200;

/** What a project for this video will take: the stored source, plus previews and regions per frame. */
export function estimateProjectBytes(
  media: Pick<MediaInfo, 'fileBytes' | 'frameCount'>,
  previewBytesPerFrame = PREVIEW_BYTES_PER_FRAME_ESTIMATE,
): number {
  const perFrame = previewBytesPerFrame + REGION_BYTES_PER_FRAME_ESTIMATE;
  return media.fileBytes + media.frameCount * perFrame;
}
