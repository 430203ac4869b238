import type { Analysis } from '../job/job.ts';
import { useI18n } from '../ui/i18n.tsx';
import { downloadProjectFile, downloadRegionsCsv } from '../job/project-file.ts';

const failed = (error: unknown) => console.error('Garim: could not export', error);

/** Downloads of the stored project: the project file (redaction log) and the regions as CSV. */
export function ProjectFileButtons({ analysis }: { analysis: Analysis }) {
  const { t } = useI18n();
  const { project, file } = analysis;
  if (!project) return null;
  return (
    <span className="review__files">
      <button
        type="button"
        onClick={() => void downloadProjectFile(project, file.name).catch(failed)}
        data-testid="export-project"
      >
        {t('exportProjectFile')}
      </button>
      <button
        type="button"
        onClick={() => void downloadRegionsCsv(project, file.name).catch(failed)}
        data-testid="export-csv"
      >
        {t('exportRegionsCsv')}
      </button>
    </span>
  );
}
