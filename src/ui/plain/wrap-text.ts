/** Hard wrapping for the plain views, in a module of its own so that `progress` does not load the markdown renderer. */
import wrapAnsi from "wrap-ansi";

/** Hard-wrapped to `width`, continuation lines indented by `indent` spaces; leading indentation is kept. */
export function wrap(text: string, width: number, indent = 0): string {
  // trim: false keeps a line's leading indentation; the spaces left at a break are dropped below.
  const [first = "", ...rest] = wrapAnsi(text, width, { hard: true, trim: false })
    .split("\n")
    .map((l) => l.trimEnd());
  if (rest.length === 0 || indent === 0) return [first, ...rest].join("\n");
  const tail = wrapAnsi(rest.join(" "), Math.max(10, width - indent), { hard: true }).split("\n");
  return [first, ...tail.map((l) => " ".repeat(indent) + l)].join("\n");
}
