import { describe, expect, it, vi } from 'vitest';
import { ProjectLockedError } from './errors.ts';
import { withProjectLock, type LockApi } from './lock.ts';
import { ensureSpace, estimateProjectBytes, storageEstimate, type StorageApi } from './quota.ts';

function fakeStorage(usage: number, quota: number, persisted = false) {
  return {
    estimate: vi.fn(() => Promise.resolve({ usage, quota })),
    persisted: vi.fn(() => Promise.resolve(persisted)),
    persist: vi.fn(() => Promise.resolve(true)),
  } satisfies StorageApi;
}

describe('storage estimate and space checks', () => {
  it('asks for persistence once and reports usage, quota and what is left', async () => {
    const storage = fakeStorage(300, 1000);
    expect(await storageEstimate(storage)).toEqual({
      supported: true,
      usageBytes: 300,
      quotaBytes: 1000,
      availableBytes: 700,
      persisted: true,
    });
    expect(storage.persist).toHaveBeenCalledTimes(1);
    const already = fakeStorage(0, 10, true);
    await storageEstimate(already);
    expect(already.persist).not.toHaveBeenCalled();
  });

  it('warns with a typed shortfall before a job that will not fit', async () => {
    expect(await ensureSpace(500, fakeStorage(300, 1000))).toEqual({
      ok: true,
      reason: 'fits',
      neededBytes: 500,
      availableBytes: 700,
    });
    expect(await ensureSpace(900, fakeStorage(300, 1000))).toEqual({
      ok: false,
      reason: 'shortfall',
      neededBytes: 900,
      availableBytes: 700,
      shortfallBytes: 200,
    });
  });

  it('says "unknown" rather than guessing when the browser gives no numbers', async () => {
    expect(await ensureSpace(10, undefined)).toEqual({
      ok: true,
      reason: 'unknown',
      neededBytes: 10,
    });
    expect((await storageEstimate(undefined)).supported).toBe(false);
  });

  it('estimates a project as source plus previews and regions per frame', () => {
    expect(estimateProjectBytes({ fileBytes: 1000, frameCount: 10 }, 800)).toBe(1000 + 10 * 1000);
  });
});

/** Web Locks with ifAvailable: a held name yields `null` to the callback instead of waiting. */
function fakeLocks(): LockApi {
  const held = new Set<string>();
  const request = async (
    name: string,
    _options: LockOptions,
    callback: LockGrantedCallback<unknown>,
  ) => {
    if (held.has(name)) return await callback(null);
    held.add(name);
    try {
      return await callback({ name, mode: 'exclusive' });
    } finally {
      held.delete(name);
    }
  };
  return { request } as unknown as LockApi;
}

describe('project lock', () => {
  for (const [label, locks] of [
    ['Web Locks', fakeLocks()],
    ['this-tab fallback', undefined],
  ] as const) {
    it(`${label}: one writer per project; a second fails fast; released afterwards`, async () => {
      let release = (): void => undefined;
      const first = withProjectLock(
        'p1',
        () => new Promise<string>((r) => (release = () => r('done'))),
        locks,
      );
      await expect(withProjectLock('p1', () => Promise.resolve('x'), locks)).rejects.toBeInstanceOf(
        ProjectLockedError,
      );
      expect(await withProjectLock('p2', () => Promise.resolve('other project'), locks)).toBe(
        'other project',
      );
      release();
      expect(await first).toBe('done');
      expect(await withProjectLock('p1', () => Promise.resolve('again'), locks)).toBe('again');
    });
  }

  it('releases the lock when the work fails', async () => {
    await expect(withProjectLock('p3', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await withProjectLock('p3', () => Promise.resolve(1))).toBe(1);
  });
});
