import { useEffect, useState } from 'react';

const COARSE = '(pointer: coarse)';

/** True where the main pointer is a finger (`pointer: coarse`): the editor's handles grow to 44 px. */
export function useCoarsePointer(): boolean {
  const [coarse, setCoarse] = useState(() => window.matchMedia(COARSE).matches);
  useEffect(() => {
    const query = window.matchMedia(COARSE);
    const changed = () => setCoarse(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return coarse;
}
