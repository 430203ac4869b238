/**
 * A deterministic pseudo-random source (mulberry32) for tests and generated data: the same seed gives the
 * same sequence, so a failure is reproducible. Not for anything that needs unpredictability.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A smooth random texture on [0,1]² for tests: a sum of six random sinusoids of 1…`cycles` waves across
 * (values 0…255).
 */
export function smoothTexture(seed: number, cycles = 6): (u: number, v: number) => number {
  const next = seededRandom(seed);
  const waves = Array.from({ length: 6 }, () => ({
    fu: 1 + next() * (cycles - 1),
    fv: 1 + next() * (cycles - 1),
    phase: next() * Math.PI * 2,
  }));
  return (u, v) => {
    let s = 0;
    for (const w of waves) s += Math.sin(2 * Math.PI * (w.fu * u + w.fv * v) + w.phase);
    return 128 + (s / waves.length) * 120;
  };
}
