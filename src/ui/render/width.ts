/**
 * Display width of text in a terminal, by the rules string-width 8 applies (width.test.ts keeps
 * the two equal), but paying for the costly parts only when text needs them. Importing
 * string-width builds a grapheme segmenter and compiles its emoji regex at once, a large share
 * of a plain command's start-up; lesson text is almost always measured by the fast path.
 *
 * The rules, per grapheme cluster: nothing printable (marks, format and control characters)
 * is 0; an emoji (RGI, a keycap, or a ZWJ sequence of two or more pictographs) is 2; modern
 * Hangul jamo L+V(+T) make one syllable of 2; anything else takes the East Asian Width of its
 * first printable code point (ambiguous counts as narrow), plus that of any spacing marks and
 * half- or full-width forms after it.
 */
import { eastAsianWidth } from "get-east-asian-width";

/**
 * Characters one column wide: printable ASCII, Latin-1 and Latin Extended, Greek, Cyrillic
 * letters, general punctuation (… •), currency, letterlike symbols, arrows, mathematical
 * operators, box drawing, blocks, most geometric shapes and the dingbats that are not emoji
 * (✓ ✗, which check reports are full of). Text made only of these is as wide
 * as it is long (width.test.ts checks each against string-width).
 */
export const NARROW =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf\u2100-\u22ff\u2500-\u25fc\u2700-\u2704\u2706-\u2709\u270c-\u2727\u2729-\u274b\u274d-\u274d\u274f-\u2752\u2756-\u2756\u2758-\u2794\u2798-\u27af\u27b1-\u27be\u27f0-\u27ff\u2900-\u2aff]*$/;

interface Tables {
  segmenter: Intl.Segmenter;
  printable: RegExp;
  spacingMark: RegExp;
  emoji: RegExp;
  pictograph: RegExp;
}
let tables: Tables | undefined;
// Built on first use (`v` regexes as strings: the compiler targets ES2022).
const load = (): Tables =>
  (tables ??= {
    segmenter: new Intl.Segmenter(undefined, { granularity: "grapheme" }),
    printable: new RegExp("[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]", "v"),
    spacingMark: new RegExp("\\p{Spacing_Mark}", "v"),
    emoji: new RegExp("^\\p{RGI_Emoji}$", "v"),
    pictograph: /\p{Extended_Pictographic}/gu,
  });

const leadingJamo = (c: number | undefined) => c !== undefined && ((c >= 0x1100 && c <= 0x115f) || (c >= 0xa960 && c <= 0xa97c));
const vowelJamo = (c: number | undefined) => c !== undefined && ((c >= 0x1160 && c <= 0x11a7) || (c >= 0xd7b0 && c <= 0xd7c6));
const trailingJamo = (c: number | undefined) => c !== undefined && ((c >= 0x11a8 && c <= 0x11ff) || (c >= 0xd7cb && c <= 0xd7fb));
const isJamo = (c: number) => leadingJamo(c) || vowelJamo(c) || trailingJamo(c);

/** Width of a cluster that starts with a Hangul jamo, or undefined when it does not. */
function hangulWidth(printable: string, t: Tables): number | undefined {
  const cps = [...printable].filter((ch) => t.printable.test(ch)).map((ch) => ch.codePointAt(0)!);
  let width = 0;
  for (let i = 0; i < cps.length; i++) {
    if (!isJamo(cps[i]!)) {
      if (width === 0) return undefined;
      for (const c of cps.slice(i)) width += eastAsianWidth(c);
      return width;
    }
    if (leadingJamo(cps[i]) && vowelJamo(cps[i + 1])) {
      width += 2;
      i += trailingJamo(cps[i + 2]) ? 2 : 1;
    } else {
      width += eastAsianWidth(cps[i]!);
    }
  }
  return cps.length ? width : undefined;
}

function looseEmoji(cluster: string, t: Tables): boolean {
  if (cluster.length > 50) return false;
  if (/^[\d#*]\u20e3$/.test(cluster)) return true;
  return cluster.includes("\u200d") && (cluster.match(t.pictograph)?.length ?? 0) >= 2;
}

/** Columns one grapheme cluster takes. */
export function clusterWidth(cluster: string): number {
  if (NARROW.test(cluster)) return cluster.length;
  const t = load();
  const start = cluster.search(t.printable);
  if (start < 0) return 0;
  if (t.emoji.test(cluster) || looseEmoji(cluster, t)) return 2;
  const printable = cluster.slice(start);
  const hangul = hangulWidth(printable, t);
  if (hangul !== undefined) return hangul;
  let width = eastAsianWidth(printable.codePointAt(0)!);
  let first = true;
  for (const ch of printable) {
    if (!first && (t.spacingMark.test(ch) || (ch >= "\uff00" && ch <= "\uffef"))) width += eastAsianWidth(ch.codePointAt(0)!);
    first = false;
  }
  return width;
}

/** The grapheme clusters of `text`. */
export function clusters(text: string): string[] {
  if (NARROW.test(text)) return Array.from(text);
  return Array.from(load().segmenter.segment(text), (s) => s.segment);
}

/** Columns `text` takes in a terminal (it must hold no escape codes). */
export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  let width = 0;
  for (const c of clusters(text)) width += clusterWidth(c);
  return width;
}
