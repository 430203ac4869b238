import { useCallback, useState } from 'react';
import type { Analysis } from '../job/job.ts';
import { saveRedaction } from '../job/persistence.ts';
import { clampCellsAcross, clampPadding, type RedactionSettings } from '../regions/types.ts';

/**
 * The review screen's cover style: starts from the project's stored settings, and every change is stored
 * with them (IndexedDB) so it survives a reload; the preview and the export use it.
 */
export function useRedaction(
  analysis: Analysis,
): [RedactionSettings, (next: RedactionSettings) => void] {
  const [redaction, setRedaction] = useState(analysis.redaction);
  const { project } = analysis;
  const change = useCallback(
    (next: RedactionSettings) => {
      const kept = {
        ...next,
        padding: clampPadding(next.padding),
        cellsAcross: clampCellsAcross(next.cellsAcross),
      };
      setRedaction(kept);
      void saveRedaction(project, kept);
    },
    [project],
  );
  return [redaction, change];
}
