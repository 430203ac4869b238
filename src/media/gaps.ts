/** What the review step says about frames that were not (fully) analysed. Pure, for the UI and tests. */
export type FrameGaps = {
  /** Frames analysis received from the decoder. */
  analysed: number;
  /** Frames the container lists. */
  listed: number;
  /** Listed frames the decoder never gave (a file cut short); export leaves them out. */
  missing: number;
  /** Analysed frames whose detection failed; export covers them whole. */
  failed: number;
};

export function frameGaps(frames: readonly { failed?: true }[], listed: number): FrameGaps {
  const analysed = frames.length;
  return {
    analysed,
    listed,
    missing: Math.max(0, listed - analysed),
    failed: frames.filter((f) => f.failed).length,
  };
}
