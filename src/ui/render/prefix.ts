/** Indentation, bullets and quote bars in front of already laid-out lines. */
import { type Line, type Span, line } from "./spans.js";

type Prefix = string | readonly Span[];
const spansOf = (p: Prefix): readonly Span[] => (typeof p === "string" ? (p ? [{ text: p }] : []) : p);

/**
 * `first` in front of the first line, `rest` in front of the others. A blank line gets the
 * prefix without its trailing spaces, so no line ends in whitespace. The prefix counts as the
 * structural indent of wide lines (it stays put when they scroll sideways).
 */
export function prefixLines(lines: readonly Line[], first: Prefix, rest: Prefix): Line[] {
  return lines.map((l, i) => {
    const p = spansOf(i === 0 ? first : rest);
    if (l.width === 0) {
      const trimmed = p.map((s) => ({ ...s, text: s.text.trimEnd() })).filter((s) => s.text);
      return line(trimmed);
    }
    const prefixed = line([...p, ...l.spans]);
    return l.wide ? { ...prefixed, wide: true, indent: prefixed.width - l.width + (l.indent ?? 0) } : prefixed;
  });
}
