import { useEffect, useRef } from 'react';
import type { PreviewFrame } from '../media/types.ts';
import { padBox } from '../regions/geometry.ts';
import { DEFAULT_REDACTION } from '../regions/types.ts';
import { useI18n } from '../ui/i18n.tsx';

/** Draws (in a box of fixed proportions) the latest preview picture and, during analysis, the areas that will be covered (padded boxes). */
type Props = {
  preview: PreviewFrame | null;
  /** Keep the box in the page before the first picture (while a job runs), so nothing moves when it comes. */
  reserve: boolean;
};

export function PreviewCanvas({ preview, reserve }: Props) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !preview) return;
    el.width = preview.bitmap.width;
    el.height = preview.bitmap.height;
    ctx.drawImage(preview.bitmap, 0, 0);
    if (preview.redacted) return;
    const scale = preview.bitmap.width / preview.videoWidth;
    ctx.strokeStyle = '#ffcc00';
    ctx.lineWidth = 2;
    for (const box of preview.boxes) {
      const b = padBox(box, preview.padding ?? DEFAULT_REDACTION.padding);
      ctx.strokeRect(b.x * scale, b.y * scale, b.w * scale, b.h * scale);
    }
  }, [preview]);

  if (!preview && !reserve) return null;
  return (
    <figure className="preview">
      <canvas ref={canvas} aria-label={t('previewLabel')} data-testid="preview" />
    </figure>
  );
}
