/** One colour per track, stable by id, readable on video and on the light and dark themes. */
const PALETTE = [
  '#00b4d8',
  '#ff6b6b',
  '#51cf66',
  '#fcc419',
  '#cc5de8',
  '#ff922b',
  '#20c997',
  '#f06595',
  '#74c0fc',
  '#a9e34b',
] as const;

export function trackColor(id: number): string {
  return PALETTE[Math.abs(id) % PALETTE.length] ?? PALETTE[0];
}
