import { GarimError } from '../lib/errors.ts';

/** The file is not a video any engine here can read (wrong type, corrupt, empty). */
export class UnsupportedInputError extends GarimError {
  constructor(message: string) {
    super('UnsupportedInputError', message);
  }
}

export class NoVideoTrackError extends GarimError {
  constructor() {
    super('NoVideoTrackError', 'The file has no video track.');
  }
}

export class EmptyFileError extends GarimError {
  constructor() {
    super('EmptyFileError', 'The file is empty (0 bytes).');
  }
}

export class EncodeError extends GarimError {
  constructor(message: string) {
    super('EncodeError', message);
  }
}

/** Not one frame of the video could be decoded (cut off before its first picture, or damaged). */
export class NoDecodableFramesError extends GarimError {
  constructor(message: string) {
    super('NoDecodableFramesError', message);
  }
}

/** The decoder failed part-way (damaged data): refused rather than exported with frames missing. */
export class DamagedVideoError extends GarimError {
  constructor(message: string) {
    super('DamagedVideoError', message);
  }
}

/** The picture is larger than this device can encode (e.g. 8K with a software H.264 encoder). */
export class VideoTooLargeError extends GarimError {
  constructor(message: string) {
    super('VideoTooLargeError', message);
  }
}

/** The file would have to go through ffmpeg.wasm, whose memory cannot hold a file this big. */
export class FileTooLargeError extends GarimError {
  constructor(message: string) {
    super('FileTooLargeError', message);
  }
}

/** A pass made no progress for too long (a stuck decoder on a broken file): stopped instead of hanging. */
export class StalledError extends GarimError {
  constructor(message: string) {
    super('StalledError', message);
  }
}

/**
 * Thrown by an analysis pass that met a damaged picture it may not get past itself (`PassPlan.repairable`):
 * the frames before the damage are recorded, and the job repairs the file and goes on from there.
 */
export class VideoNeedsRepair extends Error {
  constructor(cause: unknown) {
    super('The picture is damaged; repairing it', { cause });
    this.name = 'VideoNeedsRepair';
  }
}

export function isNeedsRepair(error: unknown): boolean {
  return error instanceof Error && error.name === 'VideoNeedsRepair';
}
