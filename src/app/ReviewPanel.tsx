import { lazy, Suspense, useState } from 'react';
import { DEFAULT_OUTPUT, type OutputOptions } from '../media/output-options.ts';
import type { Track } from '../regions/tracker.ts';
import { createEditDoc, toTracks, type EditDoc } from '../regions/edits.ts';
import { createHistory, type History } from '../regions/history.ts';
import { restoredHistory } from '../regions/replay.ts';
import { useEditDoc, type DocListener } from '../editor/use-edit-doc.ts';
import { reopenMark, type Analysis } from '../job/job.ts';
import { useI18n } from '../ui/i18n.tsx';
import { FrameGapsNote } from './FrameGapsNote.tsx';
import { ProjectFileButtons } from './ProjectFileButtons.tsx';
import { OutputPanel } from './OutputPanel.tsx';
import { useEditingClaim } from './use-editing-claim.ts';
import { useTrim } from './use-trim.ts';
import { useRedaction } from './use-redaction.ts';
import { CoverStylePanel } from './CoverStylePanel.tsx';
import type { RedactionSettings } from '../regions/types.ts';

type Props = {
  analysis: Analysis;
  onExport: (tracks: Track[], output: OutputOptions, redaction: RedactionSettings) => void;
  /** Every edit, undo and redo, with the document after it: where persistence subscribes. */
  onChange?: DocListener;
  /** Opens the project again from IndexedDB (after taking editing over from another tab). */
  onReopen?: () => Promise<unknown>;
};

const noReopen = () => Promise.resolve();

// Konva is only needed once there is something to review: keep it out of the first load.
const Editor = lazy(() => import('../editor/Editor.tsx').then((m) => ({ default: m.Editor })));

/** The saved tracks, with the undo steps that led to them when the project was reopened. */
function initialHistory(analysis: Analysis): History<EditDoc> {
  const size = {
    frameCount: analysis.frames.length,
    width: analysis.info.width,
    height: analysis.info.height,
  };
  const saved = createEditDoc(analysis.tracks, size);
  if (!analysis.saved) return createHistory(saved);
  const { analysedTracks, edits, cursor } = analysis.saved;
  const history = restoredHistory({
    base: createEditDoc(analysedTracks, size),
    saved,
    edits,
    cursor,
  });
  reopenMark('replayed');
  return history;
}

/** The review step: the editor over every track found, then export with the edited tracks. */
export function ReviewPanel({ analysis, onExport, onChange, onReopen = noReopen }: Props) {
  const { t } = useI18n();
  const claim = useEditingClaim(analysis.project, onReopen);
  const { readOnly } = claim;
  const editDoc = useEditDoc(() => initialHistory(analysis), readOnly ? undefined : onChange);
  const [output, setOutput] = useState<OutputOptions>(DEFAULT_OUTPUT);
  const [trim, changeTrim] = useTrim(analysis);
  const [redaction, changeRedaction] = useRedaction(analysis);

  return (
    <section
      className="review review--editor"
      aria-labelledby="review-title"
      data-editing={claim.state}
    >
      <div className="review__head">
        <div>
          <h2 id="review-title">{t('reviewTitle')}</h2>
          <p className="muted">{t('editor.hint')}</p>
          <FrameGapsNote analysis={analysis} />
        </div>
        <ProjectFileButtons analysis={analysis} />
        <button
          type="button"
          className="button--primary"
          onClick={() => onExport(toTracks(editDoc.doc), { ...output, trim }, redaction)}
          disabled={readOnly}
          data-testid="export"
        >
          {t('exportButton')}
        </button>
      </div>
      {claim.state === 'read-only' && (
        <div className="review__readonly" role="status" data-testid="read-only">
          <p>{t('editor.readOnly')}</p>
          <button type="button" onClick={() => void claim.takeOver()} data-testid="take-over">
            {t('editor.takeOver')}
          </button>
        </div>
      )}
      <Suspense fallback={<p className="muted">{t('editor.loading')}</p>}>
        <Editor
          analysis={analysis}
          editDoc={editDoc}
          readOnly={readOnly}
          trim={trim}
          onTrim={changeTrim}
          redaction={redaction}
        />
      </Suspense>
      <CoverStylePanel value={redaction} onChange={changeRedaction} />
      <OutputPanel
        value={output}
        onChange={setOutput}
        width={analysis.info.width}
        height={analysis.info.height}
      />
    </section>
  );
}
