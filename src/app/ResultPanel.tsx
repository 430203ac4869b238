import { useEffect, useMemo, useState } from 'react';
import type { JobResult } from '../job/job.ts';
import { formatMb, formatNumber } from '../ui/format.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatMessage } from '../ui/icu.ts';

type Props = { result: JobResult; onReset: () => void; onReview: () => void };

/** For a damaged input: how many output frames only concealment gave, and input frames not shown. */
function DamageCounts({ result }: { result: JobResult }) {
  const { t, lang } = useI18n();
  const { concealed, filled } = result.outputCounts;
  if (concealed === 0 && filled === 0) return null;
  return (
    <>
      <dt>{t('summaryDamage')}</dt>
      <dd data-testid="damage-counts" data-concealed={concealed} data-filled={filled}>
        {formatMessage(lang, t('summaryDamageCounts'), { concealed, filled })}
      </dd>
    </>
  );
}

/** The output as a file for the Web Share API, where this browser can share one (phones); else null. */
function useShareableFile(result: JobResult): File | null {
  return useMemo(() => {
    if (typeof navigator.canShare !== 'function' || typeof navigator.share !== 'function') {
      return null;
    }
    const file = new File([result.blob], result.fileName, {
      type: result.blob.type || 'video/mp4',
    });
    try {
      return navigator.canShare({ files: [file] }) ? file : null;
    } catch {
      return null;
    }
  }, [result]);
}

/**
 * "Share / Save to phone" (issue 21): the share sheet, where a phone offers its gallery or files app.
 * Beside the download link, never instead of it; absent where the browser cannot share a file.
 */
function ShareButton({ result }: { result: JobResult }) {
  const { t } = useI18n();
  const file = useShareableFile(result);
  const [failed, setFailed] = useState(false);
  if (!file) return null;
  const share = () => {
    setFailed(false);
    navigator.share({ files: [file], title: result.fileName }).catch((error: unknown) => {
      // Closing the share sheet is not a failure.
      if ((error as Error | undefined)?.name !== 'AbortError') setFailed(true);
    });
  };
  return (
    <>
      <button type="button" className="button" onClick={share} data-testid="share">
        {t('share')}
      </button>
      {failed && (
        <p className="share-failed" role="alert" data-testid="share-failed">
          {t('shareFailed')}
        </p>
      )}
    </>
  );
}

export function ResultPanel({ result, onReset, onReview }: Props) {
  const { t, lang } = useI18n();
  const url = useMemo(() => URL.createObjectURL(result.blob), [result.blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const ratio = result.blob.size / Math.max(1, result.info.fileBytes);
  return (
    <section className="result" aria-live="polite">
      <h2>{t('done')}</h2>
      <div className="result__actions">
        <a
          className="button button--primary"
          href={url}
          download={result.fileName}
          data-testid="download"
        >
          {t('download')}
        </a>
        <ShareButton result={result} />
      </div>
      <dl className="summary">
        <dt>{t('summaryFrames')}</dt>
        <dd data-testid="output-frames">{formatNumber(lang, result.outputCounts.frames)}</dd>
        <DamageCounts result={result} />
        <dt>{t('summaryFaces')}</dt>
        <dd>{formatNumber(lang, result.framesWithFaces)}</dd>
        <dt>{t('summaryAnalyse')}</dt>
        <dd data-testid="analyse-fps">
          {formatNumber(lang, result.analyseFps, 1)} {t('fps')}
        </dd>
        <dt>{t('summaryExport')}</dt>
        <dd data-testid="export-fps">
          {formatNumber(lang, result.exportFps, 1)} {t('fps')}
        </dd>
        <dt>{t('summarySize')}</dt>
        <dd>
          {formatMb(lang, result.blob.size)} (
          {new Intl.NumberFormat(lang, { style: 'percent' }).format(ratio)})
        </dd>
      </dl>
      <SelfCheck result={result} />
      <button type="button" onClick={onReview} data-testid="back-to-review">
        {t('editAgain')}
      </button>{' '}
      <button type="button" onClick={onReset} data-testid="start-over">
        {t('startOver')}
      </button>
    </section>
  );
}

function SelfCheck({ result }: { result: JobResult }) {
  const { t } = useI18n();
  const frames = [...new Set(result.findings.map((f) => f.frameIndex))];
  if (frames.length === 0) {
    return (
      <p className="check check--clean" data-testid="self-check" data-findings="0">
        {t('checkClean')}
      </p>
    );
  }
  return (
    <div className="check check--findings" data-testid="self-check" data-findings={frames.length}>
      <p>{t('checkFindings')}</p>
      <p className="check__frames">
        {frames
          .slice(0, 50)
          .map((f) => `${t('frameLabel')} ${f}`)
          .join(', ')}
        {frames.length > 50 && ' …'}
      </p>
    </div>
  );
}
