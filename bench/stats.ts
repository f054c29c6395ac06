/** Nearest-rank percentile of `values` (0 < p ≤ 100); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** `12.3 ms`, `1.23 s`: three significant figures. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 1000) return `${(value / 1000).toPrecision(3)} s`;
  return `${value >= 100 ? value.toFixed(0) : value.toPrecision(3)} ms`;
}

/** `512 µs` */
export function us(micros: number): string {
  return Number.isFinite(micros) ? `${Math.round(micros)} µs` : "n/a";
}

export function mb(bytes: number): string {
  // Decimal megabytes, as the targets are written ("< 150 MB" is checked against 150e6 bytes).
  return Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : "n/a";
}
