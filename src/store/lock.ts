/**
 * One writer per project. With the Web Locks API the lock spans tabs (`garim-project-<id>`, taken with
 * ifAvailable, so a second writer fails fast with ProjectLockedError instead of queueing behind a long
 * analysis). Without it (old browsers, node) the lock covers this tab only.
 */
import { ProjectLockedError } from './errors.ts';

export type LockApi = Pick<LockManager, 'request'>;

function browserLocks(): LockApi | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

const heldHere = new Set<string>();

async function withLocalLock<T>(name: string, projectId: string, work: () => Promise<T>) {
  if (heldHere.has(name)) throw new ProjectLockedError(projectId);
  heldHere.add(name);
  try {
    return await work();
  } finally {
    heldHere.delete(name);
  }
}

export function projectLockName(projectId: string): string {
  return `garim-project-${projectId}`;
}

/** Runs `work` holding the project's lock; throws ProjectLockedError when another writer holds it. */
export async function withProjectLock<T>(
  projectId: string,
  work: () => Promise<T>,
  locks: LockApi | undefined = browserLocks(),
): Promise<T> {
  const name = projectLockName(projectId);
  if (!locks) return withLocalLock(name, projectId, work);
  return await locks.request(name, { ifAvailable: true }, async (lock) => {
    if (!lock) throw new ProjectLockedError(projectId);
    return work();
  });
}
