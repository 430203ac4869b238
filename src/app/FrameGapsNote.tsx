import { frameGaps } from '../media/gaps.ts';
import type { Analysis } from '../job/job.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatMessage } from '../ui/icu.ts';

/** A short line in the review step when frames are missing from the file or failed analysis. */
export function FrameGapsNote({ analysis }: { analysis: Analysis }) {
  const { t, lang } = useI18n();
  const gaps = frameGaps(analysis.frames, analysis.info.frameCount);
  if (gaps.missing === 0 && gaps.failed === 0) return null;
  return (
    <div className="review__gaps" role="status" data-testid="frame-gaps">
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
