/**
 * Formats a duration in whole seconds as a short human-readable string, largest units first,
 * e.g. `3725` → `"1h 2m 5s"`, `90061` → `"1d 1h 1m"` (at most three units).
 */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) {
    return 'unknown';
  }
  let remaining = Math.floor(totalSeconds);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const amount = Math.floor(remaining / size);
    remaining -= amount * size;
    if (amount > 0 || (unit === 's' && parts.length === 0)) {
      parts.push(`${amount}${unit}`);
    }
  }
  return parts.slice(0, 3).join(' ');
}
