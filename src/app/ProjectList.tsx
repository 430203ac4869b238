import { useCallback, useEffect, useState } from 'react';
import {
  deleteSavedProject,
  loadLibrary,
  renameSavedProject,
  type ProjectSummary,
  type StorageEstimate,
} from '../job/library.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatDateTime, formatMb, formatNumber } from '../ui/format.ts';
import { errorMessage, formatDuration, type MessageKey } from '../ui/messages.ts';
import { ProjectThumbnail } from './ProjectThumbnail.tsx';

const STATE_LABEL: Record<ProjectSummary['state'], MessageKey> = {
  analysing: 'stateAnalysing',
  'needs-review': 'stateReview',
  exported: 'stateExported',
  failed: 'stateFailed',
};

const OPEN_LABEL: Record<ProjectSummary['state'], MessageKey> = {
  analysing: 'resumeProject',
  'needs-review': 'openProject',
  exported: 'openProject',
  failed: 'retryProject',
};

type Props = { onOpen: (id: string) => void; refreshKey: unknown };

/** Saved projects on this device: open or resume, rename, delete; and how much storage they use. */
export function ProjectList({ onOpen, refreshKey }: Props) {
  const { t, lang } = useI18n();
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  const [storage, setStorage] = useState<StorageEstimate | null>(null);
  const [changes, setChanges] = useState(0);
  const refresh = useCallback(() => setChanges((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    void loadLibrary().then((loaded) => {
      if (!live || !loaded) return;
      setProjects(loaded.projects);
      setStorage(loaded.storage);
    });
    return () => {
      live = false;
    };
  }, [changes, refreshKey]);

  const rename = async (p: ProjectSummary) => {
    const name = window.prompt(t('renamePrompt'), p.name)?.trim();
    if (!name) return;
    await renameSavedProject(p.id, name);
    refresh();
  };
  const remove = async (p: ProjectSummary) => {
    if (!window.confirm(`${t('deleteConfirm')} ${p.name}`)) return;
    await deleteSavedProject(p.id);
    refresh();
  };

  if (projects.length === 0) return null;
  return (
    <section className="projects" aria-labelledby="projects-title" data-testid="projects">
      <h2 id="projects-title">{t('projectsTitle')}</h2>
      <ul>
        {projects.map((p) => (
          <li
            key={p.id}
            className="projects__item"
            data-project={p.id}
            data-project-state={p.state}
            data-failure={p.failure}
          >
            <ProjectThumbnail image={p.thumbnail} />
            <span className="projects__name">{p.name}</span>
            <span className="muted">
              {formatDuration(lang, p.durationSec)} · {t(STATE_LABEL[p.state])}
              {p.state === 'analysing' &&
                ` ${formatNumber(lang, p.analysedFrames)}/${formatNumber(lang, p.frameCount)}`}{' '}
              · {formatMb(lang, p.storageBytes)} ·{' '}
              <time dateTime={new Date(p.updatedAtMs).toISOString()}>
                {formatDateTime(lang, p.updatedAtMs)}
              </time>
            </span>
            {p.failure && (
              <span className="projects__failure" data-testid="project-failure">
                {errorMessage(lang, p.failure, '')}
              </span>
            )}
            <span className="projects__actions">
              <button type="button" onClick={() => onOpen(p.id)} data-testid="open-project">
                {t(OPEN_LABEL[p.state])}
              </button>
              <button type="button" onClick={() => void rename(p)}>
                {t('renameProject')}
              </button>
              <button type="button" onClick={() => void remove(p)} data-testid="delete-project">
                {t('deleteProject')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {storage?.supported && (
        <p className="muted" data-testid="storage">
          {t('storageUsed')} {formatMb(lang, storage.usageBytes)} /{' '}
          {formatMb(lang, storage.quotaBytes)}
        </p>
      )}
    </section>
  );
}
