/** One hint of a status or footer line, e.g. "? help". */
export interface Hint {
  text: string;
  /** Never left out: the way to the help and the way out. */
  keep?: boolean;
}

/**
 * Joins hints with " · " in the given order, leaving out optional ones, last first, until the
 * line fits `width`. A hint is shown whole or not at all, so the line is never cut mid-word;
 * what is left out is still listed by the help overlay, which a kept "? help" opens.
 */
export function fitHints(hints: readonly Hint[], width: number): string {
  const shown = [...hints];
  const line = () => shown.map((h) => h.text).join(" · ");
  for (let i = shown.length - 1; i >= 0 && line().length > width; i--) {
    if (!shown[i]!.keep) shown.splice(i, 1);
  }
  return line();
}
