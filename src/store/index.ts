/**
 * store/: projects, frames, tracks and edit history in IndexedDB (the only user of idb), quota and
 * multi-tab handling, and the project file. The app imports from here only.
 */
export {
  DB_NAME,
  DB_VERSION,
  deleteGarimDb,
  getGarimDb,
  openGarimDb,
  type GarimDb,
  type OpenOptions,
} from './db.ts';
export {
  BadRecordError,
  ProjectLockedError,
  ProjectNotFoundError,
  StorageFullError,
  StorageUnavailableError,
  StoreBlockedError,
  StoreOutdatedError,
} from './errors.ts';
export type {
  EditRecord,
  FrameRecord,
  ModelRef,
  ProjectRecord,
  ProjectSettings,
  ProjectState,
  ReadResult,
  RecordProblem,
  StoredPoint,
  StoredTrack,
} from './records.ts';
export {
  createProject,
  deleteProject,
  findProjectsBySource,
  getProject,
  getSourceFile,
  listProjects,
  markProjectFailed,
  renameProject,
  setProjectState,
  setProjectTrim,
  setProjectRedaction,
  updateProject,
  type NewProject,
  type ProjectPatch,
  type ProjectSummary,
} from './projects.ts';
export {
  createFrameWriter,
  FRAME_BATCH_SIZE,
  lastAnalysedFrame,
  readFrameRegions,
  readFrames,
  readPreview,
  readPreviews,
  resumeFrameIndex,
  writeFrameBatch,
  type FrameInput,
  type FrameWriter,
} from './frames.ts';
export { readTracks, saveTracks, toStoredTrack } from './tracks.ts';
export {
  appendEdit,
  readHistory,
  redoEdit,
  undoEdit,
  type EditInput,
  type StoredHistory,
} from './history.ts';
export {
  ensureSpace,
  estimateProjectBytes,
  storageEstimate,
  type SpaceCheck,
  type StorageEstimate,
} from './quota.ts';
export { isQuotaError } from './tx.ts';
export { claimEditing, editLeases, withProjectLock, type EditLease } from './lock.ts';
export {
  checkFingerprint,
  sha256OfBlob,
  type FingerprintCheck,
  type HashOptions,
} from './fingerprint.ts';
export * from './project-file.ts';
export { parseProjectFile, type ParsedProjectFile } from './project-file-parse.ts';
export {
  buildProjectFile,
  exportProjectFile,
  importProjectFile,
  projectFileJson,
  tracksFromProjectFile,
  type ImportResult,
} from './project-file-export.ts';
export { exportRegionsCsv, regionsCsv, REGIONS_CSV_HEADER, type CsvOptions } from './csv.ts';
