/** m:ss.cc for the playhead; frame-accurate enough to tell neighbouring frames apart at 30 fps. */
export function formatTimecode(seconds: number): string {
  const total = Math.max(0, seconds);
  const minutes = Math.floor(total / 60);
  const rest = total - minutes * 60;
  return `${minutes}:${rest.toFixed(2).padStart(5, '0')}`;
}
