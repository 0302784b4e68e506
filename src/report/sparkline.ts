const BARS = '▁▂▃▄▅▆▇█';
/** A day with nothing to show. */
export const NO_DATA = '·';

/** One character per value, scaled to the largest (or to `max`); undefined values show as `·`. */
export function sparkline(values: (number | undefined)[], max?: number): string {
  const top = max ?? Math.max(0, ...values.filter((v): v is number => v !== undefined));
  return values
    .map((v) => {
      if (v === undefined) return NO_DATA;
      if (top <= 0) return BARS[0];
      const level = Math.round((Math.max(0, Math.min(v, top)) / top) * (BARS.length - 1));
      return BARS[level];
    })
    .join('');
}
