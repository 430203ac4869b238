import { useEffect, useState, type PointerEvent } from 'react';
import { readPreviews } from '../store/read.ts';
import { stripFrames } from './strip-frames.ts';
import { useElementWidth } from './use-element-width.ts';
import type { PreviewSource } from './use-stored-preview.ts';

type Props = { source: PreviewSource; frameCount: number; onSeek: (frameIndex: number) => void };

type Thumb = { frameIndex: number; url: string };

/** Object URLs for the stored previews of `frames`; revoked when the frames change or on unmount. */
function useThumbs(source: PreviewSource, frames: readonly number[]): Thumb[] {
  const [thumbs, setThumbs] = useState<Thumb[]>([]);
  const key = frames.join(',');
  useEffect(() => {
    if (!source || key === '') return;
    let live = true;
    let made: Thumb[] = [];
    const wanted = key.split(',').map(Number);
    void readPreviews(source.db, source.id, wanted)
      .then((previews) => {
        if (!live) return;
        made = [...previews].map(([frameIndex, blob]) => ({
          frameIndex,
          url: URL.createObjectURL(blob),
        }));
        setThumbs(made);
      })
      .catch((error: unknown) => console.warn('Could not read the stored previews', error));
    return () => {
      live = false;
      for (const thumb of made) URL.revokeObjectURL(thumb.url);
      setThumbs([]);
    };
  }, [source, key]);
  return thumbs;
}

/**
 * A row of the stored previews along the timeline (issue 4 point 2), so a person sees where scenes change
 * before scrubbing. Press to seek there, drag along it to scrub (mouse, pen or finger: the pointer is
 * captured, so the drag may leave the strip). Pointer only: the scrubber below is the keyboard's way.
 */
export function ThumbnailStrip({ source, frameCount, onSeek }: Props) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const thumbs = useThumbs(source, stripFrames(frameCount, width));
  const seekAt = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const fraction = (e.clientX - box.left) / Math.max(1, box.width);
    onSeek(Math.min(frameCount - 1, Math.max(0, Math.floor(fraction * frameCount))));
  };
  if (!source) return null;
  return (
    <div
      className="thumbstrip"
      ref={ref}
      aria-hidden="true"
      data-testid="thumbnail-strip"
      data-thumbs={thumbs.length}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        seekAt(e);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) seekAt(e);
      }}
    >
      {thumbs.map((thumb) => (
        <img key={thumb.frameIndex} src={thumb.url} alt="" data-frame={thumb.frameIndex} />
      ))}
    </div>
  );
}
