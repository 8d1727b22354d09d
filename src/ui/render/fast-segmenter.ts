/**
 * Intl.Segmenter for the text a terminal app mostly shows, without ICU: a grapheme segmenter
 * for text in which every UTF-16 unit is a cluster of its own (ASCII with its control codes but
 * CR, and the simple one-column characters of width.ts's NARROW set: none of them joins its
 * neighbours) yields one segment per unit; any other text, or another granularity, goes to a
 * real Intl.Segmenter, made when first needed. The build (scripts/build.mjs, `fastSegmenter`)
 * puts this class where bundled dependencies (ink, string-width, slice-ansi…) construct
 * segmenters as they are imported: the first Intl.Segmenter loads ICU's break rules, ~15 ms of
 * every interactive start. fast-segmenter.test.ts holds it to Intl.Segmenter's output.
 */
import { NARROW } from "./width.js";

/** Text whose every UTF-16 unit is a grapheme cluster: NARROW, plus the control codes but CR. */
const OWN_CLUSTERS = new RegExp(NARROW.source.replace("\\x20-\\x7e", "\\x00-\\x0c\\x0e-\\x7f\\x80-\\x9f"));

interface Segment {
  segment: string;
  index: number;
  input: string;
}

class UnitSegments implements Iterable<Segment> {
  constructor(private readonly input: string) {}

  *[Symbol.iterator](): Iterator<Segment> {
    const { input } = this;
    for (let index = 0; index < input.length; index++) yield { segment: input[index]!, index, input };
  }

  containing(index = 0): Segment | undefined {
    const i = Math.trunc(Number(index));
    return i >= 0 && i < this.input.length ? { segment: this.input[i]!, index: i, input: this.input } : undefined;
  }
}

export class FastSegmenter {
  private real: Intl.Segmenter | undefined;
  private readonly args: ConstructorParameters<typeof Intl.Segmenter>;
  private readonly grapheme: boolean;

  constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
    this.args = args;
    this.grapheme = (args[1]?.granularity ?? "grapheme") === "grapheme";
  }

  private intl(): Intl.Segmenter {
    return (this.real ??= new Intl.Segmenter(...this.args));
  }

  segment(input: string): Iterable<Segment> & { containing(index?: number): Segment | undefined } {
    const text = String(input);
    if (this.grapheme && OWN_CLUSTERS.test(text)) return new UnitSegments(text);
    return this.intl().segment(text);
  }

  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.intl().resolvedOptions();
  }
}
