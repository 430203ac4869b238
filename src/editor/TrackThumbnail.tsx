import { useEffect, useRef } from 'react';
import { useI18n } from '../ui/i18n.tsx';
import { THUMBNAIL_SIDE, type Thumbnail } from './use-track-thumbnails.ts';

/** The track's picture (or an empty square while it is being made). */
export function TrackThumbnail({ thumbnail }: { thumbnail: Thumbnail | undefined }) {
  const { t } = useI18n();
  const bitmap = thumbnail?.bitmap;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx || !bitmap) return;
    element.width = bitmap.width;
    element.height = bitmap.height;
    ctx.drawImage(bitmap, 0, 0);
  }, [bitmap]);
  return (
    <canvas
      ref={canvas}
      className="tracks__thumb"
      role="img"
      aria-label={t('editor.thumbnail')}
      data-ready={bitmap !== undefined}
      data-origin={thumbnail?.origin}
      width={THUMBNAIL_SIDE}
      height={THUMBNAIL_SIDE}
    />
  );
}
