import { PwaPrompt } from '../pwa/PwaPrompt.tsx';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DEFAULT_DETAIL, DETAIL_MODES, type DetailMode } from '../detect/tiles.ts';
import { Announcer } from './Announcer.tsx';
import { DetailSelect } from './DetailSelect.tsx';
import { DropZone } from './DropZone.tsx';
import { FirstRunHint } from './FirstRunHint.tsx';
import { Header } from './Header.tsx';
import { useI18n } from '../ui/i18n.tsx';
import { initDetector } from '../job/job.ts';
import { JobPlanNote } from './JobPlanNote.tsx';
import { JobProgress } from './JobProgress.tsx';
import { formatMb } from '../ui/format.ts';
import { formatMessage } from '../ui/icu.ts';
import { errorMessage } from '../ui/messages.ts';
import { PreviewCanvas } from './PreviewCanvas.tsx';
import { ResultPanel } from './ResultPanel.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import type { Analysis, Shortfall } from '../job/job.ts';
import { saveReviewChange } from '../job/persistence.ts';
import type { DocChange } from '../editor/use-edit-doc.ts';
import type { EditTrack } from '../regions/edits.ts';
import { ProjectImport } from './ProjectImport.tsx';
import { ProjectList } from './ProjectList.tsx';
import { rememberResult } from '../job/garim-api.ts';
import { useJob } from './use-job.ts';
import { useAnalysisQueue } from './use-queue.ts';
import { useResumeAfterDiscard } from './use-resume-after-discard.ts';
import { QueuePanel } from './QueuePanel.tsx';

export function App() {
  const { t, lang } = useI18n();
  const {
    view,
    detector,
    preview,
    start,
    exportTracks,
    openProject,
    cancel,
    reset,
    review,
    setDetector,
  } = useJob();
  const [mode, setMode] = useDetailMode();
  const [plates, setPlates] = useState(true);

  const confirmShortfall = useCallback(
    (check: Shortfall) =>
      window.confirm(
        formatMessage(lang, t('storageShortfall'), {
          needed: formatMb(lang, check.neededBytes),
          available: formatMb(lang, check.availableBytes),
        }),
      ),
    [lang, t],
  );
  const queue = useAnalysisQueue({ paused: view.phase === 'working', confirmShortfall });
  useLeaveWarning(queue.busy);
  // The saved projects are listed again after each job and each video the queue finishes.
  const settled = queue.items.filter((item) => item.state !== 'waiting').length;
  const libraryKey = useMemo(() => ({ view, settled }), [view, settled]);

  /** The first video now, on screen; the others (or all, while the queue is busy) wait in the queue. */
  const startFiles = (files: File[]) => {
    const options = { mode, plates };
    const [first, ...rest] = files;
    if (queue.busy || !first) return queue.add(files, options);
    void start(first, options, confirmShortfall);
    queue.add(rest, options);
  };
  /** Opens a stored project on screen, taking it from the queue first if it is analysing there. */
  const open = async (id: string) => {
    await queue.handOver(id);
    await openProject(id);
  };

  useResumeAfterDiscard(open);

  useEffect(() => {
    initDetector().then(setDetector, () => undefined);
  }, [setDetector]);

  useEffect(() => rememberResult(view.phase === 'done' ? view.result : null), [view]);

  return (
    <div className="app" data-state={view.phase}>
      <Header detector={detector} />
      <PwaPrompt />
      <Announcer
        phase={view.phase}
        stage={view.phase === 'working' ? view.progress.stage : undefined}
      />
      <main>
        <QueuePanel
          items={queue.items}
          lastSettled={queue.lastSettled}
          onReview={(id) => void open(id)}
          onStop={queue.stop}
          onRemove={queue.remove}
        />
        {view.phase === 'review' && (
          <ReviewPanel
            analysis={view.analysis}
            onExport={(tracks, output, redaction) =>
              void exportTracks({ ...view.analysis, redaction }, tracks, output)
            }
            onChange={(change, doc) => void persistChange(view.analysis, change, doc.tracks)}
            onReopen={() =>
              view.analysis.project ? openProject(view.analysis.project.id) : Promise.resolve()
            }
          />
        )}
        {view.phase === 'working' && <JobProgress progress={view.progress} onCancel={cancel} />}
        {view.phase === 'cancelled' && <p role="status">{t('cancelled')}</p>}
        {view.phase === 'error' && (
          <div role="alert" className="error" data-error={view.name}>
            <p>{errorMessage(lang, view.name, view.message)}</p>
            <details>
              <summary>{t('errorDetails')}</summary>
              <code>{view.message}</code>
            </details>
          </div>
        )}
        {/* A refusal for this device's limits shows the numbers behind it. */}
        {view.phase === 'error' && view.name === 'StorageTooSmallError' && view.plan && (
          <JobPlanNote plan={view.plan} />
        )}
        {view.phase === 'done' && (
          <ResultPanel
            result={view.result}
            onReset={reset}
            onReview={() => review({ ...view.analysis, tracks: view.result.tracks })}
          />
        )}
        {view.phase !== 'idle' && view.phase !== 'review' && (
          <PreviewCanvas preview={preview} reserve={view.phase === 'working'} />
        )}
        {/* Below the progress and preview boxes, so its arrival moves neither (no layout jump). */}
        {view.phase === 'working' && view.plan && <JobPlanNote plan={view.plan} />}
        {/* The start controls come after the job's outcome, so an error or the result is seen first. */}
        {!['working', 'review'].includes(view.phase) && (
          <>
            <DropZone onFiles={startFiles} disabled={false} />
            {view.phase === 'idle' && <FirstRunHint />}
            <DetailSelect value={mode} onChange={setMode} disabled={false} />
            <label className="option">
              <input
                type="checkbox"
                checked={plates}
                onChange={(e) => setPlates(e.target.checked)}
                data-testid="cover-plates"
              />{' '}
              {t('coverPlates')}
            </label>
            <ProjectList onOpen={(id) => void open(id)} refreshKey={libraryKey} />
            <ProjectImport onImported={(id) => void open(id)} />
          </>
        )}
      </main>
      <footer className="muted">{t('privacyNote')}</footer>
    </div>
  );
}

/** While videos wait in the queue, leaving the page asks first (the waiting ones are not stored yet). */
function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [active]);
}

const DETAIL_KEY = 'garim.detail';

function useDetailMode(): [DetailMode, (mode: DetailMode) => void] {
  const [mode, setMode] = useState<DetailMode>(() => {
    const saved = localStorage.getItem(DETAIL_KEY);
    return DETAIL_MODES.find((m) => m === saved) ?? DEFAULT_DETAIL;
  });
  const save = (next: DetailMode) => {
    localStorage.setItem(DETAIL_KEY, next);
    setMode(next);
  };
  return [mode, save];
}

/** Every edit, undo and redo goes to IndexedDB as it happens (nothing is lost on reload). */
function persistChange(
  analysis: Analysis,
  change: DocChange,
  tracks: EditTrack[],
): Promise<unknown> {
  const stored =
    change.kind === 'edit'
      ? { kind: 'edit' as const, op: change.edit.op, payload: change.edit.args }
      : { kind: change.kind };
  return saveReviewChange(analysis.project, stored, tracks).catch((error: unknown) =>
    console.error('Garim: could not save the edit', error),
  );
}
