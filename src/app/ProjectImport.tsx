import { useRef, useState, type ChangeEvent } from 'react';
import { useI18n } from '../ui/i18n.tsx';
import type { MessageKey } from '../ui/messages.ts';
import { importProject, readProjectFile, type ImportOutcome } from '../job/project-file.ts';

type Pending = { json: File; videoName: string };
type Props = { onImported: (projectId: string) => void };

const PROBLEM: Record<Exclude<ImportOutcome, { ok: true }>['reason'], MessageKey> = {
  unreadable: 'importUnreadable',
  'wrong-video': 'importWrongVideo',
  'no-storage': 'error.StorageUnavailableError',
};

function chosen(event: ChangeEvent<HTMLInputElement>): File | undefined {
  const file = event.target.files?.[0];
  event.target.value = '';
  return file;
}

/** Import a project file: first the JSON, then the video it was made from (checked by fingerprint). */
export function ProjectImport({ onImported }: Props) {
  const { t } = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const onJson = async (json: File | undefined) => {
    if (!json) return;
    const file = await readProjectFile(json);
    setProblem(file ? null : PROBLEM.unreadable);
    setPending(file && { json, videoName: file.source.name });
  };
  const onVideo = async (video: File | undefined) => {
    if (!video || !pending) return;
    const outcome = await importProject(pending.json, video);
    if (!outcome.ok) return setProblem(PROBLEM[outcome.reason]);
    setPending(null);
    setProblem(null);
    onImported(outcome.projectId);
  };

  return (
    <section className="project-import">
      <FilePickButton
        label={t('importProject')}
        accept=".json,application/json"
        onFile={(file) => void onJson(file)}
        testId="import-project"
      />
      {pending && (
        <p className="option">
          {t('importChooseVideo')} <strong>{pending.videoName}</strong>{' '}
          <FilePickButton
            label={t('chooseFile')}
            accept="video/*,.mkv,.avi,.mov"
            onFile={(file) => void onVideo(file)}
            testId="import-video"
          />
        </p>
      )}
      {problem && (
        <p role="alert" className="error" data-testid="import-warning" data-problem={problem}>
          {t(problem)}
        </p>
      )}
    </section>
  );
}

type PickProps = {
  label: string;
  accept: string;
  onFile: (file: File | undefined) => void;
  /** Names the hidden input (tests hand it files directly). */
  testId: string;
};

/**
 * A button in the page's own words that opens the browser's file chooser through a hidden input: the
 * native input would show its own text ("Choose File / No file chosen") in the browser's language.
 */
function FilePickButton({ label, accept, onFile, testId }: PickProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        onChange={(e) => onFile(chosen(e))}
        data-testid={testId}
      />
    </>
  );
}
