/**
 * The export outputs kept in the origin-private file system (src/media/output-file.ts writes them). This tab
 * holds a Web Lock on the output it shows (`garim-output:<name>`) for as long as it may still be downloaded;
 * a file no tab holds is left over (a closed tab, a cancelled or failed export) and is deleted: at start-up,
 * before each export, and with its project.
 */
import { outputDirectory } from '../media/output-file.ts';

const LOCK_PREFIX = 'garim-output:';
/** Names start with the project id (or `none`), so a project's outputs can be found: `<project>--<uuid>`. */
const SEPARATOR = '--';

type Held = { name: string; release: () => void };
let held: Held | undefined;

function projectPart(projectId: string | undefined): string {
  return (projectId ?? 'none').replace(/[^\w-]/g, '_');
}

/** Holds `name`'s lock until the returned function is called (no-op without the Web Locks API). */
function holdLock(name: string): Promise<() => void> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((acquired, failed) => {
    locks.request(name, () => new Promise<void>((release) => acquired(release))).catch(failed);
  });
}

/** Lock names held by any tab of this origin. */
async function heldLockNames(): Promise<Set<string>> {
  const snapshot = await navigator.locks?.query();
  return new Set((snapshot?.held ?? []).map((lock) => lock.name ?? ''));
}

/** Stops holding this tab's output (its file is deleted by the next sweep). */
export function releaseOutput(): void {
  held?.release();
  held = undefined;
}

/**
 * Names and holds a new output file for `projectId`'s export, replacing the one this tab held: export
 * streams into it (the worker creates it); the result's Blob reads from it, so it stays until released.
 */
export async function holdNewOutput(projectId: string | undefined): Promise<string> {
  releaseOutput();
  const name = `${projectPart(projectId)}${SEPARATOR}${crypto.randomUUID()}`;
  held = { name, release: await holdLock(LOCK_PREFIX + name) };
  return name;
}

/** Names of the files in the outputs folder. */
async function outputNames(dir: FileSystemDirectoryHandle): Promise<string[]> {
  const names: string[] = [];
  const entries = dir as unknown as { keys(): AsyncIterable<string> };
  for await (const name of entries.keys()) names.push(name);
  return names;
}

/** Deletes the outputs that `pick` selects and no tab holds; returns how many it deleted. */
async function deleteUnheld(pick: (name: string) => boolean): Promise<number> {
  const dir = await outputDirectory();
  if (!dir) return 0;
  const locked = await heldLockNames();
  let deleted = 0;
  for (const name of await outputNames(dir)) {
    if (!pick(name) || locked.has(LOCK_PREFIX + name) || held?.name === name) continue;
    // A file still open in a worker of another tab cannot be removed: it goes at a later sweep.
    await dir.removeEntry(name).then(
      () => deleted++,
      () => undefined,
    );
  }
  return deleted;
}

/** Deletes every output no tab holds (left over from closed tabs, cancelled or failed exports). */
export function sweepOutputs(): Promise<number> {
  return deleteUnheld(() => true).catch(() => 0);
}

/** Deletes the outputs of a deleted project (releasing this tab's if it is one of them). */
export function deleteProjectOutputs(projectId: string): Promise<number> {
  const prefix = `${projectPart(projectId)}${SEPARATOR}`;
  if (held?.name.startsWith(prefix)) releaseOutput();
  return deleteUnheld((name) => name.startsWith(prefix)).catch(() => 0);
}
