import { useEffect } from 'react';
import { lastInterruptedAnalysis } from '../job/library.ts';

/**
 * True when the browser discarded this tab and loaded it again (a phone's tab sent to the background, or
 * its screen turned off, while memory ran short): `document.wasDiscarded`, where the browser has it.
 */
function wasDiscarded(): boolean {
  return (document as Document & { wasDiscarded?: boolean }).wasDiscarded === true;
}

/**
 * After the browser discarded the tab mid-analysis, the analysis goes on by itself from the last stored
 * frame (a person coming back to a phone should not have to find "Resume"). A reload the person asked for
 * leaves the choice to them, in the project list.
 */
export function useResumeAfterDiscard(open: (projectId: string) => unknown): void {
  useEffect(() => {
    if (!wasDiscarded()) return;
    void lastInterruptedAnalysis().then((id) => id && open(id));
    // Once per page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
