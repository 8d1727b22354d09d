import { useEffect, useRef } from "react";

/** Where the reader is: `line` (the first line on screen) of `of` rendered lines of lesson `slug`. */
export interface ReadingSpot {
  slug: string;
  line: number;
  of: number;
}

export interface PositionSaver {
  /**
   * Saves `spot` now, unless it is the spot saved last: on leaving the reader (q, n, p, Ctrl+C)
   * and on SIGTERM/SIGHUP (cli/interactive.ts). Cancels a pending save.
   */
  saveNow(spot: ReadingSpot): void;
}

const same = (a: ReadingSpot | null, b: ReadingSpot | null) =>
  a !== null && b !== null && a.slug === b.slug && a.line === b.line && a.of === b.of;

/**
 * Saves the reading position as the reader moves, at most once per `everyMs` (the first move
 * at once, the last one when scrolling pauses), so closing the terminal or killing mqtutor
 * loses at most that much. Opening a lesson is not a move: its resume spot is already saved.
 *
 * @param spot the reader's spot as rendered, or null when no lesson is on screen.
 * @param save appends one reading-position event.
 * @param everyMs the shortest time between two saves while moving. @default 1000
 */
export function usePositionSaver(spot: ReadingSpot | null, save: (spot: ReadingSpot) => void, everyMs = 1000): PositionSaver {
  const current = useRef(spot);
  current.current = spot;
  /** The spot of the lesson on screen when it opened or was last saved: moves are measured from it. */
  const base = useRef<ReadingSpot | null>(null);
  /** The spot last written to the log, so leaving right after a save does not write it twice. */
  const written = useRef<ReadingSpot | null>(null);
  const writtenAt = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;

  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const write = (s: ReadingSpot) => {
    cancel();
    base.current = written.current = s;
    writtenAt.current = Date.now();
    saveRef.current(s);
  };
  const saver = useRef<PositionSaver>({
    saveNow: (s) => {
      cancel();
      if (!same(s, written.current)) write(s);
    },
  }).current;

  useEffect(() => {
    if (!spot || base.current?.slug !== spot.slug) {
      // Back on the list, or a lesson just opened: where it opened is not a move.
      cancel();
      base.current = spot;
      written.current = null;
      return;
    }
    if (same(spot, base.current) || timer.current) return;
    const wait = writtenAt.current + everyMs - Date.now();
    if (wait <= 0) write(spot);
    else
      timer.current = setTimeout(() => {
        timer.current = null;
        const latest = current.current;
        if (latest && latest.slug === base.current?.slug && !same(latest, written.current)) write(latest);
      }, wait);
  }, [spot?.slug, spot?.line, spot?.of]);

  useEffect(() => cancel, []);
  return saver;
}
