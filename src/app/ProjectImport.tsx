import { useState, type ChangeEvent } from 'react';
import { useI18n } from './i18n.tsx';
import type { MessageKey } from './messages.ts';
import { importProject, readProjectFile, type ImportOutcome } from './project-file.ts';

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
      <label className="option">
        {t('importProject')}{' '}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => void onJson(chosen(e))}
          data-testid="import-project"
        />
      </label>
      {pending && (
        <label className="option">
          {t('importChooseVideo')} <strong>{pending.videoName}</strong>{' '}
          <input
            type="file"
            accept="video/*"
            onChange={(e) => void onVideo(chosen(e))}
            data-testid="import-video"
          />
        </label>
      )}
      {problem && (
        <p role="alert" className="error" data-testid="import-warning" data-problem={problem}>
          {t(problem)}
        </p>
      )}
    </section>
  );
}
