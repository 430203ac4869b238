import { useEffect, useState, type RefObject } from 'react';

/** Rows a little outside the list's scrolled view count as visible, so their pictures are ready when scrolled to. */
const MARGIN = '200px';

/**
 * The `data-track` (or `data-lane`) ids of the rows in the scrolling list's view (IntersectionObserver), so per-row work such as
 * thumbnails is done only where someone can see it. `rowsKey` changes whenever the rows do.
 */
export function useVisibleRows(
  list: RefObject<HTMLElement | null>,
  rowsKey: string,
  attribute: 'track' | 'lane' = 'track',
): ReadonlySet<number> {
  const [visible, setVisible] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const seen = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = Number((entry.target as HTMLElement).dataset[attribute]);
          if (entry.isIntersecting) seen.add(id);
          else seen.delete(id);
        }
        setVisible(new Set(seen));
      },
      { root: element, rootMargin: MARGIN },
    );
    element.querySelectorAll(`[data-${attribute}]`).forEach((row) => observer.observe(row));
    return () => observer.disconnect();
  }, [list, rowsKey, attribute]);
  return visible;
}
