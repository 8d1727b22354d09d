import type { FieldProblem } from "./issues.js";

/** A level-1 or level-2 ATX heading found outside code fences. */
interface Heading {
  level: 1 | 2;
  text: string;
  line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,2})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/** `#` and `##` headings of a markdown text, ignoring lines inside fenced code blocks. */
function topHeadings(lines: readonly string[]): Heading[] {
  const out: Heading[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line);
    if (fence !== undefined) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (f?.[1] && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      return;
    }
    if (f?.[1]) {
      fence = f[1];
      return;
    }
    const h = HEADING.exec(line);
    if (h?.[1] && h[2] !== undefined) out.push({ level: h[1].length as 1 | 2, text: h[2], line: i });
  });
  return out;
}

const isCheatSheet = (h: Heading) => h.level === 2 && h.text.trim().toLowerCase() === "cheat sheet";

/** The lesson's cheat sheet, or what is wrong with where it is. */
export type CheatSheetResult = { ok: true; cheatSheet: string } | { ok: false; problem: FieldProblem };

/**
 * Finds the `## Cheat sheet` section, which must be the last `#`/`##` section of the lesson
 * (the reader shows it at the end and `mqtutor cheatsheet` prints it alone).
 */
export function extractCheatSheet(body: string): CheatSheetResult {
  const lines = body.split("\n");
  const headings = topHeadings(lines);
  const sheets = headings.filter(isCheatSheet);
  const fail = (rule: string): CheatSheetResult => ({ ok: false, problem: { where: "body", rule } });
  if (sheets.length === 0) return fail(`has no "## Cheat sheet" section: end the lesson with one`);
  if (sheets.length > 1) return fail(`has ${sheets.length} "## Cheat sheet" sections: keep one, at the end`);
  const sheet = sheets[0] as Heading;
  const after = headings.find((h) => h.line > sheet.line);
  if (after) {
    return fail(`"## Cheat sheet" must be the last section, but "${"#".repeat(after.level)} ${after.text}" follows it`);
  }
  const cheatSheet = lines.slice(sheet.line + 1).join("\n").trim();
  if (cheatSheet === "") return fail(`"## Cheat sheet" section is empty`);
  return { ok: true, cheatSheet };
}
