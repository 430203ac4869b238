/**
 * Base class for every error Garim raises on purpose. Subclasses set `name`, which is what survives a trip
 * through comlink (only name, message and stack cross a worker boundary), so code branches on `error.name`.
 */
export class GarimError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}
