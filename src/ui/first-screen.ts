/**
 * The start of a markdown text, enough for a first screen: the reader lays it out at once when
 * a lesson opens and the whole lesson just after that first frame (issue 7 §2: Enter → reader
 * within 100 ms, whatever the lesson's length). Pure.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The text up to the first blank line outside a code fence at or after line `minLines` (a
 * block boundary, so the blocks before it lay out as they do in the whole text), or the whole
 * text if there is none.
 */
export function markdownHead(markdown: string, minLines: number): string {
  const lines = markdown.split("\n");
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
      continue;
    }
    if (f) fence = f;
    else if (i >= minLines && line.trim() === "") return lines.slice(0, i).join("\n");
  }
  return markdown;
}
