import { frameGaps } from '../media/gaps.ts';
import type { Analysis } from '../job/job.ts';
import type { RepairReport } from '../media/types.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatMessage } from '../ui/icu.ts';

/** What the repair of a damaged file did (media/repair.ts). */
function RepairNote({ repair }: { repair: RepairReport }) {
  const { t, lang } = useI18n();
  const { kind, concealed, lost } = repair;
  return (
    <p data-testid="damage-report" data-repair={kind} data-concealed={concealed} data-lost={lost}>
      {kind === 'sound'
        ? t('review.soundRepaired')
        : formatMessage(lang, t('review.repaired'), { concealed })}
      {kind === 'full' &&
        lost > 0 &&
        ` ${formatMessage(lang, t('review.repairLost'), { count: lost })}`}
    </p>
  );
}

/** A short line in the review step when frames are missing from the file or failed analysis. */
export function FrameGapsNote({ analysis }: { analysis: Analysis }) {
  const { t, lang } = useI18n();
  const gaps = frameGaps(analysis.frames, analysis.info.frameCount);
  const repair = analysis.info.repair;
  if (gaps.missing === 0 && gaps.failed === 0 && !repair) return null;
  return (
    <div className="review__gaps" role="status" data-testid="frame-gaps">
      {repair && <RepairNote repair={repair} />}
      {gaps.missing > 0 && (
        <p data-missing-frames={gaps.missing}>
          {formatMessage(lang, t('review.missingFrames'), {
            analysed: gaps.analysed,
            listed: gaps.listed,
          })}
        </p>
      )}
      {gaps.failed > 0 && (
        <p data-failed-frames={gaps.failed}>
          {formatMessage(lang, t('review.failedFrames'), { count: gaps.failed })}
        </p>
      )}
    </div>
  );
}
