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
