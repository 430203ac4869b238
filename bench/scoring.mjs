// Scoring for the detection benchmark, following ../shared/fixtures/README.md:
// - a labelled box is protected when ≥ 80% of its area lies inside the union of the covered (padded) regions;
// - precision: the share of predicted boxes lying ≥ 30% inside a labelled or ignored box of their class;
// - recall is reported per size bucket of the labelled box's shorter side.

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
  return { boxes, predicted: predicted.length, correct };
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
  }
  const ratio = (a, b) => (b > 0 ? a / b : null);
  return {
    labelled,
    protected: protectedCount,
    recall: ratio(protectedCount, labelled),
    precision: ratio(correct, predicted),
    predicted,
    buckets: Object.fromEntries(
      Object.entries(buckets)
        .filter(([, v]) => v.labelled > 0)
        .map(([k, v]) => [k, { ...v, recall: ratio(v.protected, v.labelled) }]),
    ),
  };
}
