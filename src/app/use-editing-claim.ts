import { useCallback, useEffect, useState } from 'react';
import { claimEditing } from '../job/library.ts';
import type { ProjectRef } from '../job/persistence.ts';

/** 'claiming' until the lock answers; 'read-only' while another tab edits the project. */
export type EditingState = 'claiming' | 'editing' | 'read-only';

/**
 * Review editing is single-writer across tabs (store/lock.ts): this tab edits while it holds the project's
 * lock, and turns read-only when another tab holds it or takes it over. `takeOver` steals the lock, then
 * `reopen`s the project from IndexedDB (what the other tab wrote) before this tab edits; the stolen lease
 * is kept until the reopened editor holds its own. A project that is not stored has no other writer.
 */
export function useEditingClaim(project: ProjectRef | null, reopen: () => Promise<unknown>) {
  const id = project?.id ?? null;
  const [state, setState] = useState<EditingState>(id ? 'claiming' : 'editing');
  useEffect(() => {
    if (!id) return;
    let live = true;
    const claimed = claimEditing(id).then((lease) => {
      if (!live) {
        lease?.release();
        return null;
      }
      setState(lease ? 'editing' : 'read-only');
      void lease?.lost.then(() => live && setState('read-only'));
      return lease;
    });
    return () => {
      live = false;
      void claimed.then((lease) => lease?.release());
    };
  }, [id]);

  const takeOver = useCallback(async () => {
    if (!id) return;
    const lease = await claimEditing(id, { steal: true });
    try {
      await reopen();
    } finally {
      lease?.release();
    }
  }, [id, reopen]);

  return { state, readOnly: state !== 'editing', takeOver };
}
