/**
 * Inline markdown (emphasis, code spans, links…) to styled spans. A hard line break (`br`)
 * starts a new line, so the result is a list of lines to be wrapped one by one.
 */
import type { Token, Tokens } from "marked";
import { type Span, type Style, withStyle } from "./spans.js";

const styles = {
  strong: { bold: true },
  em: { italic: true },
  del: { strike: true },
  codespan: { color: "yellow" },
  link: { underline: true, color: "blue" },
  href: { dim: true },
} satisfies Record<string, Style>;

/** The inline tokens as lines of spans (more than one only where the text has hard breaks). */
export function inlineSpans(tokens: readonly Token[] | undefined, style?: Style): Span[][] {
  const lines: Span[][] = [[]];
  const push = (text: string, s: Style | undefined) => {
    // Source line breaks inside a paragraph are spaces: the text is re-flowed to the width.
    const t = text.replace(/[\t\n\r]/g, " ");
    if (t) lines.at(-1)!.push(s ? { text: t, style: s } : { text: t });
  };
  const nested = (children: readonly Token[] | undefined, s: Style | undefined) => {
    const [first = [], ...rest] = inlineSpans(children, s);
    lines.at(-1)!.push(...first);
    lines.push(...rest);
  };
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "br":
        lines.push([]);
        break;
      case "strong":
      case "em":
      case "del":
        nested((token as Tokens.Strong).tokens, withStyle(style, styles[token.type]));
        break;
      case "codespan":
        push((token as Tokens.Codespan).text, withStyle(style, styles.codespan));
        break;
      case "link": {
        const link = token as Tokens.Link;
        nested(link.tokens, withStyle(style, styles.link));
        // A terminal cannot follow a link: show where it goes unless the text already says so.
        const href = link.href.replace(/^mailto:/, "");
        if (href && href !== link.text) push(` (${href})`, withStyle(style, styles.href));
        break;
      }
      case "image": {
        const image = token as Tokens.Image;
        push(`[image: ${image.text}]`, style);
        if (image.href) push(` (${image.href})`, withStyle(style, styles.href));
        break;
      }
      case "text":
      case "escape":
      case "html": {
        const t = token as Tokens.Text;
        if ("tokens" in t && t.tokens?.length) nested(t.tokens, style);
        else push(t.text, style);
        break;
      }
      default:
        // An inline token we do not know: its text is still the learner's to read.
        if ("text" in token && typeof token.text === "string") push(token.text, style);
    }
  }
  return lines;
}
