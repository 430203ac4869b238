// Scoring for the detection benchmark, following ../shared/fixtures/README.md:
// - a labelled box is protected when ≥ 80% of its area lies inside the union of the covered (padded) regions;
// - precision: the share of predicted boxes lying ≥ 30% inside a labelled or ignored box of their class;
// - recall is reported per size bucket of the labelled box's shorter side;
// - over-cover: the share of the image area that the padded predictions cover outside every labelled (and
//   ignored) box — what the mosaic hides that did not need hiding.

export const SIZE_BUCKETS = [
  { name: '10-16', min: 10, max: 16 },
  { name: '16-32', min: 16, max: 32 },
  { name: '32-64', min: 32, max: 64 },
  { name: '64-128', min: 64, max: 128 },
  { name: '>=128', min: 128, max: Infinity },
];

export function bucketOf(box) {
  const side = Math.min(box[2], box[3]);
  return SIZE_BUCKETS.find((b) => side >= b.min && side < b.max)?.name ?? '<10';
}

export function padBox([x, y, w, h], factor) {
  const pw = w * factor;
  const ph = h * factor;
  return [x + (w - pw) / 2, y + (h - ph) / 2, pw, ph];
}

/** A coverage mask of the image: 1 where any region covers the pixel. */
export function coverageMask(width, height, regions) {
  const mask = new Uint8Array(width * height);
  for (const [x, y, w, h] of regions) {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(width, Math.ceil(x + w));
    const y1 = Math.min(height, Math.ceil(y + h));
    for (let row = y0; row < y1; row++) mask.fill(1, row * width + x0, row * width + x1);
  }
  return mask;
}

/** Fraction of the box's pixels that the mask covers. */
export function coveredFraction(mask, width, height, [x, y, w, h]) {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(width, Math.round(x + w));
  const y1 = Math.min(height, Math.round(y + h));
  let inside = 0;
  let total = 0;
  for (let row = y0; row < y1; row++) {
    for (let col = x0; col < x1; col++) {
      total++;
      inside += mask[row * width + col];
    }
  }
  return total > 0 ? inside / total : 1;
}

/**
 * Pixels the mask covers outside every one of `boxes` (the boxes rasterised as coverageMask does, so a
 * prediction equal to a labelled box counts nothing).
 */
export function coveredOutside(mask, width, height, boxes) {
  const inside = coverageMask(width, height, boxes);
  let outside = 0;
  for (let i = 0; i < mask.length; i++) outside += mask[i] & (inside[i] ^ 1);
  return outside;
}

/** Share of the image area that `regions` (already padded) cover outside every one of `boxes`. */
export function overCoverFraction(width, height, regions, boxes) {
  const area = width * height;
  return area > 0
    ? coveredOutside(coverageMask(width, height, regions), width, height, boxes) / area
    : 0;
}

function overlapFraction([ax, ay, aw, ah], [bx, by, bw, bh]) {
  const w = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
  const h = Math.min(ay + ah, by + bh) - Math.max(ay, by);
  return w > 0 && h > 0 && aw * ah > 0 ? (w * h) / (aw * ah) : 0;
}

/** Scores one image for one class. `predicted` are unpadded boxes; `padding` is the app's factor. */
export function scoreImage({ width, height, labelled, ignore = [], predicted, padding }) {
  const mask = coverageMask(
    width,
    height,
    predicted.map((b) => padBox(b, padding)),
  );
  const boxes = labelled.map((box) => ({
    bucket: bucketOf(box),
    protected: coveredFraction(mask, width, height, box) >= 0.8,
  }));
  const truth = [...labelled, ...ignore];
  const correct = predicted.filter((p) => truth.some((t) => overlapFraction(p, t) >= 0.3)).length;
  const overCoverPx = coveredOutside(mask, width, height, truth);
  return { boxes, predicted: predicted.length, correct, overCoverPx, areaPx: width * height };
}

/** Adds image scores into totals per bucket. */
export function summarise(scores) {
  const buckets = Object.fromEntries(
    [...SIZE_BUCKETS.map((b) => b.name), '<10'].map((n) => [n, { labelled: 0, protected: 0 }]),
  );
  let labelled = 0;
  let protectedCount = 0;
  let predicted = 0;
  let correct = 0;
  let overCoverPx = 0;
  let areaPx = 0;
  const perImage = [];
  for (const s of scores) {
    for (const b of s.boxes) {
      buckets[b.bucket].labelled++;
      labelled++;
      if (b.protected) {
        buckets[b.bucket].protected++;
        protectedCount++;
      }
    }
    predicted += s.predicted;
    correct += s.correct;
    // Scores made before over-cover existed have no areaPx: they add nothing to it.
    if (s.areaPx > 0) {
      overCoverPx += s.overCoverPx;
      areaPx += s.areaPx;
      perImage.push(s.overCoverPx / s.areaPx);
    }
  }
  const ratio = (a, b) => (b > 0 ? a / b : null);
  return {
    labelled,
    protected: protectedCount,
    recall: ratio(protectedCount, labelled),
    precision: ratio(correct, predicted),
    predicted,
    // Pooled: covered-outside pixels over all images ÷ their total area; and the mean of per-image shares.
    overCover: ratio(overCoverPx, areaPx),
    overCoverPerImage: ratio(
      perImage.reduce((a, b) => a + b, 0),
      perImage.length,
    ),
    buckets: Object.fromEntries(
      Object.entries(buckets)
        .filter(([, v]) => v.labelled > 0)
        .map(([k, v]) => [k, { ...v, recall: ratio(v.protected, v.labelled) }]),
    ),
  };
}

/**
 * Track fragmentation on a clip with face identities. Each labelled face-frame is credited to the covered
 * region (already padded) holding the largest share of it, if that share is ≥ 50%; `tracksPerFace` is the
 * number of distinct track ids credited per identity, averaged over the identities credited at least once
 * (1 = every face kept one track). Regions whose track id is null or undefined are left out.
 * `frames[i]`: `{ faces: [box…], ids: [id…] }`; `covered[i]`: boxes; `trackIds[i]`: parallel to `covered[i]`.
 * Returns null without identities (`ids`) or track ids.
 */
export function tracksPerFace(frames, covered, trackIds) {
  if (!trackIds || frames.some((f) => f.faces.length > 0 && !f.ids)) return null;
  const tracksOf = new Map();
  frames.forEach((frame, i) => {
    const boxes = covered[i] ?? [];
    const tracks = trackIds[i] ?? [];
    frame.faces.forEach((face, k) => {
      let best = null;
      let bestShare = 0;
      boxes.forEach((box, j) => {
        if (tracks[j] === null || tracks[j] === undefined) return;
        const share = overlapFraction(face, box);
        if (share > bestShare) {
          bestShare = share;
          best = tracks[j];
        }
      });
      if (best === null || bestShare < 0.5) return;
      const id = frame.ids[k];
      if (!tracksOf.has(id)) tracksOf.set(id, new Set());
      tracksOf.get(id).add(best);
    });
  });
  let pairs = 0;
  for (const set of tracksOf.values()) pairs += set.size;
  return {
    tracksPerFace: tracksOf.size > 0 ? pairs / tracksOf.size : null,
    facesTracked: tracksOf.size,
    faceTrackPairs: pairs,
  };
}

/**
 * Scores a clip with per-frame truth (bench/make-leak-clip.mjs's .gt.json) against what the app covered:
 * `covered[i]`: unpadded boxes on frame i; `trackIds[i]` (optional): their track ids, in the same order.
 * A face-frame leaks when under 80% of it is covered. `overCover`: the mean over frames of the share of
 * the frame covered outside every labelled face and every `ignore` box of that frame (faces partly in
 * view); `overCoverMax`: the worst frame. `tracksPerFace` and `facesTracked`: see tracksPerFace(); null
 * without track ids or face ids.
 */
export function scoreClip({ truth, covered, padding, trackIds }) {
  const { width, height } = truth;
  let faceFrames = 0;
  let leaks = 0;
  const leakedFrames = new Set();
  let overCoverSum = 0;
  let overCoverMax = 0;
  const padded = truth.frames.map((frame, i) => {
    const regions = (covered[i] ?? []).map((b) => padBox(b, padding));
    const mask = coverageMask(width, height, regions);
    for (const face of frame.faces) {
      faceFrames++;
      if (coveredFraction(mask, width, height, face) < 0.8) {
        leaks++;
        leakedFrames.add(i);
      }
    }
    const outside =
      coveredOutside(mask, width, height, [...frame.faces, ...(frame.ignore ?? [])]) /
      (width * height);
    overCoverSum += outside;
    overCoverMax = Math.max(overCoverMax, outside);
    return regions;
  });
  const fragmentation = tracksPerFace(truth.frames, padded, trackIds);
  return {
    faceFrames,
    leaks,
    leakRate: faceFrames ? leaks / faceFrames : null,
    leakedFrames: [...leakedFrames],
    overCover: truth.frames.length ? overCoverSum / truth.frames.length : null,
    overCoverMax,
    tracksPerFace: fragmentation?.tracksPerFace ?? null,
    facesTracked: fragmentation?.facesTracked ?? null,
  };
}
