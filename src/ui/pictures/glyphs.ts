/**
 * The characters a picture is drawn with: Unicode box drawing and block elements, or plain
 * ASCII for terminals that cannot show them (TERM=dumb, a non-UTF-8 locale) and for anyone who
 * asks. Bar cells, edges and markers are one column wide in both sets (the arrow is two in
 * ASCII, and layouts measure it).
 */
export interface Glyphs {
  /** Separates facts in a heading: `Topic "orders" · 3 partitions`. */
  dot: string;
  /** Points from a partition to its owner, from a binding to its queue. */
  arrow: string;
  /** Points down, from a queue to its dead-letter queue. */
  down: string;
  /** A dash for "no value". */
  none: string;
  /** Frames a bar: `│███ │`. */
  edge: string;
  /** Bar cells: records kept, removed by retention; messages visible, in flight, delayed. */
  full: string;
  gone: string;
  busy: string;
  later: string;
  /** Tree branches for a list of bindings: `├─`, `└─`, and the rail `│` under a branch. */
  branch: string;
  last: string;
  rail: string;
  /** Ends a line whose word goes on at the start of the next. */
  cut: string;
}

export const UNICODE: Glyphs = {
  dot: "·",
  arrow: "→",
  down: "↓",
  none: "—",
  edge: "│",
  full: "█",
  gone: "░",
  busy: "▓",
  later: "░",
  branch: "├─",
  last: "└─",
  rail: "│ ",
  cut: "↩",
};

export const ASCII: Glyphs = {
  dot: "-",
  arrow: "->",
  down: "v",
  none: "-",
  edge: "|",
  full: "#",
  gone: ":",
  busy: "=",
  later: ".",
  branch: "+-",
  last: "`-",
  rail: "| ",
  cut: "\\",
};

export function glyphs(ascii: boolean): Glyphs {
  return ascii ? ASCII : UNICODE;
}

/**
 * Whether pictures should be drawn in ASCII for this environment: when asked, with TERM=dumb or
 * NO_COLOR (a plain terminal, a screen reader, a log), or when the locale that decides the
 * character set (LC_ALL, else LC_CTYPE, else LANG) is set and is not UTF-8 (`C`, `POSIX`,
 * `en_US.ISO-8859-1`). No locale at all (Windows, many containers) keeps Unicode.
 */
export function prefersAscii(env: Readonly<Record<string, string | undefined>>, asked = false): boolean {
  if (asked) return true;
  if (env.TERM === "dumb") return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return true;
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== "");
  return locale !== undefined && !/utf-?8/i.test(locale);
}
