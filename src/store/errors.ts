/**
 * Errors raised by store/. Each sets `name` (what ui/messages.ts turns into words and what survives a
 * worker boundary). Bad records read back are not errors: they are reported as data (see restore.ts).
 */
import { GarimError } from '../lib/errors.ts';

/** The browser refused to store more (QuotaExceededError). The transaction was rolled back whole. */
export class StorageFullError extends GarimError {
  readonly operation: string;
  constructor(operation: string) {
    super(
      'StorageFullError',
      `Storage is full: ${operation} was not saved (nothing was half-written).`,
    );
    this.operation = operation;
  }
}

/** IndexedDB is missing (some private modes, or a non-browser runtime). */
export class StorageUnavailableError extends GarimError {
  constructor() {
    super('StorageUnavailableError', 'This browser offers no IndexedDB storage here.');
  }
}

/** Another tab still has an older version of the database open, so ours cannot upgrade yet. */
export class StoreBlockedError extends GarimError {
  readonly openVersion: number;
  readonly wantedVersion: number;
  constructor(openVersion: number, wantedVersion: number) {
    super(
      'StoreBlockedError',
      `Another Garim tab holds storage version ${openVersion}; close it to open version ${wantedVersion}.`,
    );
    this.openVersion = openVersion;
    this.wantedVersion = wantedVersion;
  }
}

/** A newer Garim (another tab) upgraded the database; this tab must reload to use it. */
export class StoreOutdatedError extends GarimError {
  constructor() {
    super('StoreOutdatedError', 'A newer version of Garim changed the storage. Reload this tab.');
  }
}

/** Another tab (or another job in this tab) is writing this project. */
export class ProjectLockedError extends GarimError {
  readonly projectId: string;
  constructor(projectId: string) {
    super('ProjectLockedError', `Project ${projectId} is open for writing elsewhere.`);
    this.projectId = projectId;
  }
}

export class ProjectNotFoundError extends GarimError {
  readonly projectId: string;
  constructor(projectId: string) {
    super('ProjectNotFoundError', `Project ${projectId} does not exist.`);
    this.projectId = projectId;
  }
}

/** A record that an operation needs could not be read back (see `problems`). */
export class BadRecordError extends GarimError {
  readonly key: string;
  readonly problems: readonly string[];
  constructor(key: string, problems: readonly string[]) {
    super('BadRecordError', `Stored record ${key} is damaged: ${problems.join('; ')}`);
    this.key = key;
    this.problems = problems;
  }
}
