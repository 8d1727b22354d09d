/**
 * The reader's state machine: a window of `height` lines over `total` lines of rendered text.
 * Pure: keys become actions through the keymap, effects (saving the position, marking the
 * lesson read) run outside and look at the state this returns.
 */
export interface ReaderState {
  /** Index of the first visible line. Invariant: 0 <= top <= maxTop(state). */
  top: number;
  /** Visible body lines (>= 1). */
  height: number;
  /** Lines in the rendered lesson. */
  total: number;
  /** True once the last line has been on screen. */
  reachedEnd: boolean;
  /**
   * Columns the wide lines (code, diagrams wider than the screen) are scrolled to the right.
   * May exceed what the lines now on screen allow after a vertical move or a resize; the view
   * clamps it (see `sideways` in reader-view.ts) and the next ←/→ starts from the clamped value.
   */
  left: number;
}

export type ReaderAction =
  | { type: "lineDown" }
  | { type: "lineUp" }
  | { type: "pageDown" }
  | { type: "pageUp" }
  | { type: "top" }
  | { type: "bottom" }
  | { type: "resize"; height: number; total: number }
  /** ←/→: `maxLeft` and `step` come from the lines on screen (reader-view.ts `sideways`). */
  | { type: "scrollLeft"; maxLeft: number; step: number }
  | { type: "scrollRight"; maxLeft: number; step: number };

export function maxTop(s: Pick<ReaderState, "total" | "height">): number {
  return Math.max(0, s.total - s.height);
}

function clampTo(s: ReaderState, top: number): ReaderState {
  const t = Math.max(0, Math.min(maxTop(s), top));
  return { ...s, top: t, reachedEnd: s.reachedEnd || t + s.height >= s.total };
}

/** A reader opened at `line` of a previous rendering that had `of` lines (rescaled to `total`). */
export function initialReader(height: number, total: number, resume?: { line: number; of: number } | null): ReaderState {
  const h = Math.max(1, height);
  const base: ReaderState = { top: 0, height: h, total, reachedEnd: false, left: 0 };
  const line = resume && resume.of > 0 ? Math.round((resume.line / resume.of) * total) : 0;
  return clampTo(base, line);
}

export function readerReducer(s: ReaderState, a: ReaderAction): ReaderState {
  switch (a.type) {
    case "lineDown":
      return clampTo(s, s.top + 1);
    case "lineUp":
      return clampTo(s, s.top - 1);
    case "pageDown":
      return clampTo(s, s.top + Math.max(1, s.height - 1));
    case "pageUp":
      return clampTo(s, s.top - Math.max(1, s.height - 1));
    case "top":
      return clampTo(s, 0);
    case "bottom":
      return clampTo(s, maxTop(s));
    case "scrollLeft":
      return { ...s, left: Math.max(0, Math.min(s.left, a.maxLeft) - a.step) };
    case "scrollRight":
      return { ...s, left: Math.max(0, Math.min(a.maxLeft, Math.min(s.left, a.maxLeft) + a.step)) };
    case "resize": {
      // Keep the same fraction of the text at the top of the window after a re-layout.
      const fraction = s.total > 0 ? s.top / s.total : 0;
      const next: ReaderState = { ...s, height: Math.max(1, a.height), total: a.total };
      return clampTo(next, Math.round(fraction * a.total));
    }
  }
}

/** "lines 1-20 of 310 (6%)": where the window is, as text. */
export function positionLabel(s: ReaderState): string {
  const first = s.total === 0 ? 0 : s.top + 1;
  const last = Math.min(s.total, s.top + s.height);
  const pct = s.total <= s.height ? 100 : Math.round((last / s.total) * 100);
  return `lines ${first}-${last} of ${s.total} (${pct}%)`;
}
