import { useEffect, useRef } from 'react';

type Props = { image: Blob | null };

/** The project's picture (its first stored preview); the object URL lives as long as it is shown. */
export function ProjectThumbnail({ image }: Props) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const img = ref.current;
    if (!img || !image) return;
    const url = URL.createObjectURL(image);
    img.src = url;
    return () => {
      img.removeAttribute('src');
      URL.revokeObjectURL(url);
    };
  }, [image]);
  // Decorative: the project's name sits right beside it.
  if (!image) return <span className="projects__thumb" aria-hidden="true" />;
  return <img ref={ref} className="projects__thumb" alt="" data-testid="project-thumbnail" />;
}
