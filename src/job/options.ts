import type { DetectRequest } from '../detect/schedule.ts';

/** What the person chose before starting. */
export type JobOptions = Omit<DetectRequest, 'frameIndex' | 'weakFaces'>;
