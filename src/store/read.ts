/**
 * What the review screen reads from the store (the stored preview pictures) — the one part of src/store/
 * that a folder other than src/job/ may import (docs/ARCHITECTURE.md, lint fence).
 */
export { readPreview, readPreviews } from './frames.ts';
export type { GarimDb } from './db.ts';
