import { lazy, Suspense } from 'react';
import type { Track } from '../regions/tracker.ts';
import { createEditDoc, toTracks } from '../regions/edits.ts';
import { useEditDoc, type DocListener } from '../editor/use-edit-doc.ts';
import type { Analysis } from './job.ts';
import { useI18n } from './i18n.tsx';

type Props = {
  analysis: Analysis;
  onExport: (tracks: Track[]) => void;
  /** Every edit, undo and redo, with the document after it: where persistence subscribes. */
  onChange?: DocListener;
};

// Konva is only needed once there is something to review: keep it out of the first load.
const Editor = lazy(() => import('../editor/Editor.tsx').then((m) => ({ default: m.Editor })));

/** The review step: the editor over every track found, then export with the edited tracks. */
export function ReviewPanel({ analysis, onExport, onChange }: Props) {
  const { t } = useI18n();
  const editDoc = useEditDoc(
    () =>
      createEditDoc(analysis.tracks, {
        frameCount: analysis.frames.length,
        width: analysis.info.width,
        height: analysis.info.height,
      }),
    onChange,
  );

  return (
    <section className="review review--editor" aria-labelledby="review-title">
      <div className="review__head">
        <div>
          <h2 id="review-title">{t('reviewTitle')}</h2>
          <p className="muted">{t('editor.hint')}</p>
        </div>
        <button
          type="button"
          className="button--primary"
          onClick={() => onExport(toTracks(editDoc.doc))}
          data-testid="export"
        >
          {t('exportButton')}
        </button>
      </div>
      <Suspense fallback={<p className="muted">{t('editor.loading')}</p>}>
        <Editor analysis={analysis} editDoc={editDoc} />
      </Suspense>
    </section>
  );
}
