import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.js";

const doc = `## Heading

Some *emphasis*, **bold** and \`code\` in a paragraph long enough that it has to be wrapped at the width we ask for here.

- a list item that is long enough to need wrapping at forty columns, surely
- short, with **bold** and \`code\`

| system | ordering | notes |
|---|---|---|
| Kafka | per partition | a long note that cannot fit in one narrow column |
| SQS FIFO | per message group | short |

\`\`\`ts
const answer: number = 42;
\`\`\`

\`\`\`text
+----------+     +----------+     +----------+     +----------+     +------+
| producer | --> |  queue   | --> | consumer | --> |  store   | --> | done |
+----------+     +----------+     +----------+     +----------+     +------+
\`\`\`
`;

describe("renderMarkdown", () => {
  it("renders headings, emphasis, lists, tables and code as plain text without colour", () => {
    const out = renderMarkdown(doc, { width: 80 });
    expect(out).not.toContain("\u001b[");
    expect(out).toContain("## Heading");
    expect(out).toContain("const answer: number = 42;");
    expect(out).toMatch(/│ Kafka +│ per partition +│/);
    // Inline markup inside list items is rendered, not printed raw.
    expect(out).toMatch(/^ {2}\* short, with bold and code$/m);
  });

  it("keeps colour codes when asked", () => {
    const out = renderMarkdown(doc, { width: 80, color: true });
    expect(out).toContain("\u001b[");
  });

  it.each([40, 60, 80])("fits prose, lists and tables in %i columns", (width) => {
    const out = renderMarkdown(doc, { width });
    const lines = out.split("\n");
    const diagram = (l: string) => /\+-|\| (producer|-->)/.test(l) || /-->/.test(l);
    for (const line of lines.filter((l) => !diagram(l))) expect(line.length, line).toBeLessThanOrEqual(width);
    // A wrapped list item continues under its text, not under the bullet.
    if (width < 80) expect(out).toMatch(/^ {2}\* a list item[^\n]*\n {4}\S/m);
    // Every item keeps its indentation, wrapped or not.
    expect(out.split("\n").filter((l) => /^\s*\* /.test(l)).every((l) => l.startsWith("  * "))).toBe(true);
  });

  it("keeps ASCII diagrams intact, line for line", () => {
    const out = renderMarkdown(doc, { width: 40 });
    expect(out).toContain("| producer | --> |  queue   | --> | consumer | --> |  store   | --> | done |");
  });
});
