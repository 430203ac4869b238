/** What the person chose about the exported file (beyond which regions to cover). */
export type OutputOptions = {
  /** Leave the sound out of the export altogether. */
  removeAudio: boolean;
  /** Copy the source's purely technical tags (never location, device, times, people or software). */
  keepTechnicalTags: boolean;
};

/** Sound kept; every tag dropped. */
export const DEFAULT_OUTPUT: OutputOptions = { removeAudio: false, keepTechnicalTags: false };
