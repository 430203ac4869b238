import { useCallback, useState } from 'react';
import { effectiveTrim, type TrimRange } from '../media/trim.ts';
import type { Analysis } from '../job/job.ts';
import { saveTrim } from '../job/persistence.ts';

/**
 * The review screen's trim in/out: starts from the project's stored settings, and every change is stored
 * with them (IndexedDB) so it survives a reload. A trim that covers every frame is no trim.
 */
export function useTrim(
  analysis: Analysis,
): [TrimRange | undefined, (next: TrimRange | undefined) => void] {
  const [trim, setTrim] = useState(() => effectiveTrim(analysis.trim, analysis.frames.length));
  const { project, frames } = analysis;
  const change = useCallback(
    (next: TrimRange | undefined) => {
      const trimmed = effectiveTrim(next, frames.length);
      setTrim(trimmed);
      void saveTrim(project, trimmed);
    },
    [project, frames.length],
  );
  return [trim, change];
}
