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

/**
 * Editing a project in review is single-writer too, on the same lock: the tab that holds it writes the edit
 * history, any other tab that opens the project only looks. `claim` takes the lock if it is free (or, with
 * `steal`, from the tab that holds it: that tab's lease is `lost` and it must stop writing). A tab keeps
 * its lock across a remount of the editor (React's StrictMode, the reload after a take-over): a released
 * lease lets go of the lock only after `releaseDelayMs` if nobody here claimed it again.
 */
export type EditLease = {
  /** Settles when another tab took editing over. */
  readonly lost: Promise<void>;
  release(): void;
};

type Held = {
  users: number;
  lost: Promise<void>;
  free: () => void;
  timer?: ReturnType<typeof setTimeout>;
};

const NEVER_LOST: Promise<void> = new Promise<void>(() => undefined);

export function editLeases(locks: LockApi | undefined = browserLocks(), releaseDelayMs = 1000) {
  const held = new Map<string, Held>();

  const leaseOf = (name: string, entry: Held): EditLease => {
    let released = false;
    return {
      lost: entry.lost,
      release() {
        if (released) return;
        released = true;
        entry.users--;
        if (entry.users > 0) return;
        entry.timer = setTimeout(() => {
          if (held.get(name) === entry) held.delete(name);
          entry.free();
        }, releaseDelayMs);
      },
    };
  };

  const request = (name: string, steal: boolean) =>
    new Promise<EditLease | null>((resolve) => {
      if (!locks) return resolve({ lost: NEVER_LOST, release: () => undefined });
      let free = () => undefined as void;
      const holding = new Promise<void>((r) => (free = r));
      let markLost = () => undefined as void;
      const lost = new Promise<void>((r) => (markLost = r));
      const entry: Held = { users: 1, lost, free };
      let granted = false;
      const options: LockOptions = steal ? { steal: true } : { ifAvailable: true };
      locks
        .request(name, options, async (lock) => {
          if (!lock) return resolve(null);
          granted = true;
          held.set(name, entry);
          resolve(leaseOf(name, entry));
          await holding;
        })
        .catch((error: unknown) => {
          // Stolen by another tab (an AbortError), or the lock could not be asked for at all.
          if (held.get(name) === entry) held.delete(name);
          free();
          if (granted) markLost();
          else resolve(null);
          if (!granted) console.warn('Garim: could not take the project lock', error);
        });
    });

  return {
    /** This tab's lease on editing the project, or null when another tab is editing it. */
    async claim(projectId: string, { steal = false } = {}): Promise<EditLease | null> {
      const name = projectLockName(projectId);
      const mine = held.get(name);
      if (mine) {
        clearTimeout(mine.timer);
        mine.users++;
        return leaseOf(name, mine);
      }
      return request(name, steal);
    },
  };
}

let shared: ReturnType<typeof editLeases> | undefined;

/** This tab's claim on editing a project in review (see editLeases). */
export function claimEditing(projectId: string, options?: { steal?: boolean }) {
  shared ??= editLeases();
  return shared.claim(projectId, options);
}
