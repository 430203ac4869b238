import type { StageProgress } from '../media/types.ts';
import type { ShownProgress } from './use-job.ts';
import { etaSeconds } from '../media/time.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatNumber } from '../ui/format.ts';
import { formatMessage } from '../ui/icu.ts';
import { formatDuration, type MessageKey } from '../ui/messages.ts';

export const STAGE_LABEL: Record<StageProgress['stage'], MessageKey> = {
  probe: 'stageProbe',
  convert: 'stageConvert',
  repair: 'stageRepair',
  analyse: 'stageAnalyse',
  export: 'stageExport',
  check: 'stageCheck',
};

type Props = { progress: ShownProgress; onCancel: () => void };

export function JobProgress({ progress, onCancel }: Props) {
  const { t, lang } = useI18n();
  const { stage, done, total, rate, waitingMs } = progress;
  const eta = etaSeconds(total - done, rate);
  const isFrames = stage === 'analyse' || stage === 'export' || stage === 'check';
  return (
    <section className="job" data-stage={stage}>
      <h2>{t(STAGE_LABEL[stage])}</h2>
      <progress max={Math.max(1, total)} value={done} />
      {/* Always in the page (empty while probing), so the numbers appearing do not move anything. */}
      <p className="job__numbers">
        {isFrames ? (
          <>
            {formatNumber(lang, done)} / {formatNumber(lang, total)} {t('frames')} ·{' '}
            {formatNumber(lang, rate, 1)} {t('fps')}
            {eta !== undefined && ` · ${formatDuration(lang, eta)} ${t('eta')}`}
          </>
        ) : (
          '\u00a0'
        )}
      </p>
      {waitingMs !== undefined && (
        <p className="job__waiting" role="status" data-testid="browser-busy">
          {formatMessage(lang, t('browserBusy'), {
            duration: formatDuration(lang, Math.round(waitingMs / 1000)),
          })}
        </p>
      )}
      <button type="button" onClick={onCancel} data-testid="cancel">
        {t('cancel')}
      </button>
      {/* From the first stage on, so that it moves nothing when it appears. */}
      <p className="muted job__background">{t('jobInBackground')}</p>
    </section>
  );
}
