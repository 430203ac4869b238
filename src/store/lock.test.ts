/**
 * Single-writer editing across tabs, with a small in-memory stand-in for the Web Locks API that behaves
 * like Chromium's for what Garim uses: exclusive locks, `ifAvailable` (null when held) and `steal` (the
 * holder's request rejects with an AbortError and the thief gets the lock at once).
 */
import { describe, expect, it } from 'vitest';
import { editLeases, type LockApi } from './lock.ts';

function fakeLocks(): LockApi & { holder(name: string): number | undefined } {
  const holders = new Map<string, { id: number; reject: (e: unknown) => void }>();
  let next = 0;
  const grant = (name: string, callback: LockGrantedCallback<unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      holders.set(name, { id, reject });
      Promise.resolve(callback({ name, mode: 'exclusive' })).then((value) => {
        if (holders.get(name)?.id === id) holders.delete(name);
        resolve(value);
      }, reject);
    });
  const request = (name: string, options: LockOptions, callback: LockGrantedCallback<unknown>) => {
    const held = holders.get(name);
    if (held && options.steal) {
      holders.delete(name);
      held.reject(new DOMException('stolen', 'AbortError'));
    } else if (held && options.ifAvailable) {
      return Promise.resolve(callback(null));
    } else if (held) {
      throw new Error('the fake does not queue');
    }
    return grant(name, callback);
  };
  return {
    request: request as LockApi['request'],
    holder: (name) => holders.get(name)?.id,
  };
}

const settled = (p: Promise<unknown>) =>
  Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('editing leases (one writer per project across tabs)', () => {
  it('the second tab gets no lease; taking over makes the first lose its own', async () => {
    const locks = fakeLocks();
    const tabA = editLeases(locks, 10);
    const tabB = editLeases(locks, 10);
    const a = await tabA.claim('p1');
    expect(a).not.toBeNull();
    expect(await tabB.claim('p1')).toBeNull();
    expect(await tabB.claim('p2')).not.toBeNull();
    expect(await settled(a!.lost)).toBe(false);

    const b = await tabB.claim('p1', { steal: true });
    expect(b).not.toBeNull();
    expect(await settled(a!.lost)).toBe(true);
    expect(await settled(b!.lost)).toBe(false);
    // A lost its lease, so asking again (without stealing) finds B holding it.
    expect(await tabA.claim('p1')).toBeNull();
  });

  it('a remount keeps the lock; it is let go only after the delay when nobody claimed it again', async () => {
    const locks = fakeLocks();
    const tab = editLeases(locks, 30);
    const other = editLeases(locks, 30);
    const first = await tab.claim('p');
    const holder = locks.holder('garim-project-p');
    first!.release();
    const again = await tab.claim('p');
    await wait(50);
    expect(locks.holder('garim-project-p')).toBe(holder);
    expect(await other.claim('p')).toBeNull();
    again!.release();
    again!.release();
    await wait(50);
    expect(locks.holder('garim-project-p')).toBeUndefined();
    expect(await other.claim('p')).not.toBeNull();
  });

  it('without the Web Locks API this tab simply edits', async () => {
    const lease = await editLeases(undefined).claim('p');
    expect(lease).not.toBeNull();
    expect(await settled(lease!.lost)).toBe(false);
  });
});
