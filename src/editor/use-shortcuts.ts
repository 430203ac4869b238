import { useEffect, useRef } from 'react';
import { actionFor, type EditorAction } from './shortcuts.ts';

/** Runs `run(action)` for every editor shortcut pressed anywhere on the page, except while typing. */
export function useShortcuts(run: (action: EditorAction) => void): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  }, [run]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = actionFor(e);
      if (!action) return;
      e.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
