import { describe, expect, it } from "vitest";
import { expectTextFit } from "../../test/helpers/text-fit.js";
import { CONTINUATION, layoutMarkdown, renderMarkdown } from "./markdown.js";

const doc = `# Title of the page

## Heading

Some *emphasis*, **bold** and \`code\` in a paragraph long enough that it has to be wrapped at the width we ask for here.

- a list item that is long enough to need wrapping at forty columns,
  and whose text goes on over a second source line
- short, with **bold** and \`code\`
  1. nested first
  2. nested second

> A quote that is long enough to wrap over more than one line at forty columns.

See [the docs](https://example.com/docs) or https://example.com.

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

A verylongidentifierwithoutanybreakpointsthatisfarwiderthanfortycolumns and max.in.flight.requests.per.connection=1.
`;

const diagram = "| producer | --> |  queue   | --> | consumer | --> |  store   | --> | done |";
const lines = (out: string) => out.replace(/\n$/, "").split("\n");

describe("renderMarkdown", () => {
  it("prints plain text without colour: no escape codes, no markdown marks", () => {
    const out = renderMarkdown(doc, { width: 80 });
    expect(out).not.toContain("\u001b[");
    expect(out).not.toMatch(/^#/m);
    expect(out).not.toContain("**");
    expect(out).toContain("Some emphasis, bold and code in a paragraph");
    expect(out).toContain("const answer: number = 42;");
  });

  it("underlines headings, so they stand out without colour", () => {
    const out = lines(renderMarkdown(doc, { width: 80 }));
    const h1 = out.indexOf("Title of the page");
    expect(out[h1 + 1]).toBe("═".repeat("Title of the page".length));
    const h2 = out.indexOf("Heading");
    expect(out[h2 + 1]).toBe("─".repeat("Heading".length));
  });

  it("re-flows a list item written over several source lines, continuing under its text", () => {
    const wide = lines(renderMarkdown(doc, { width: 100 }));
    expect(wide).toContain("  • a list item that is long enough to need wrapping at forty columns, and whose text goes on over a");
    const narrow = lines(renderMarkdown(doc, { width: 40 }));
    const at = narrow.findIndex((l) => l.startsWith("  • a list item"));
    expect(narrow.slice(at, at + 4)).toEqual([
      "  • a list item that is long enough to",
      "    need wrapping at forty columns, and",
      "    whose text goes on over a second",
      "    source line",
    ]);
    expect(narrow).toContain("      1. nested first");
  });

  it("shows where a link goes, and quotes behind a bar", () => {
    const out = renderMarkdown(doc, { width: 80 });
    expect(out).toContain("See the docs (https://example.com/docs) or https://example.com.");
    const narrow = lines(renderMarkdown(doc, { width: 40 }));
    const at = narrow.indexOf("│ A quote that is long enough to wrap");
    expect(narrow.slice(at + 1, at + 3)).toEqual(["│ over more than one line at forty", "│ columns."]);
  });

  it("draws a table as a grid when it fits, without a rule between one-line rows", () => {
    const out = renderMarkdown("| a | b |\n|---|--:|\n| one | 1 |\n| two | 22 |\n", { width: 80 });
    expect(out).toBe(["┌─────┬────┐", "│ a   │  b │", "├─────┼────┤", "│ one │  1 │", "│ two │ 22 │", "└─────┴────┘", ""].join("\n"));
  });

  it("wraps the widest cells inside their column, with rules between rows that span several lines", () => {
    const out = lines(renderMarkdown(doc, { width: 60 }));
    // Short columns keep their natural width; the notes column takes what is left.
    expect(out).toContain("│ Kafka    │ per partition     │ a long note that cannot   │");
    expect(out).toContain("│          │                   │ fit in one narrow column  │");
    expect(out.filter((l) => l.startsWith("├"))).toHaveLength(2);
  });

  it("turns a table that cannot fit into one record per block, \"column: value\" lines", () => {
    const table = "| system | guarantee | key |\n|---|---|---|\n| RabbitMQ | per-queue FIFO | RoutingKeyHeader |\n| SQS | per group | MessageGroupId |\n";
    expect(renderMarkdown(table, { width: 30 })).toBe(
      [
        "system: RabbitMQ",
        "  guarantee: per-queue FIFO",
        "  key: RoutingKeyHeader",
        "",
        "system: SQS",
        "  guarantee: per group",
        "  key: MessageGroupId",
        "",
      ].join("\n"),
    );
    // Wider, the same table is a grid again.
    expect(renderMarkdown(table, { width: 60 })).toMatch(/^│ RabbitMQ │ per-queue FIFO │ RoutingKeyHeader │$/m);
  });

  it("breaks a long name in a narrow column at its punctuation, never mid-name", () => {
    const table = "| name | meaning |\n|---|---|\n| acks | max.in.flight.requests.per.connection and friends |\n";
    expect(lines(renderMarkdown(table, { width: 24 })).slice(3, 7)).toEqual([
      "│ acks │ max.in.       │",
      "│      │ flight.       │",
      "│      │ requests.per. │",
      "│      │ connection    │",
    ]);
  });

  it("keeps a diagram whole when it fits, and folds it with a marker when it does not", () => {
    expect(lines(renderMarkdown(doc, { width: 80 }))).toContain(`  ${diagram}`);
    const out = lines(renderMarkdown(doc, { width: 40 }));
    const at = out.findIndex((l) => l.startsWith("  | producer"));
    const pieces = [out[at]!, out[at + 1]!, out[at + 2]!];
    expect(pieces[0]!.endsWith(CONTINUATION) && pieces[1]!.endsWith(CONTINUATION)).toBe(true);
    // Every piece repeats the code indent; dropping indent and markers gives the line back.
    expect(pieces.every((p) => p.startsWith("  "))).toBe(true);
    expect(pieces.map((p) => p.slice(2).replace(CONTINUATION, "")).join("")).toBe(diagram);
  });

  it("breaks a word wider than the line after punctuation, or with a marker when it has none", () => {
    const out = lines(renderMarkdown(doc, { width: 40 }));
    expect(out).toContain("A verylongidentifierwithoutanybreakpoin" + CONTINUATION);
    expect(out).toContain("max.in.flight.requests.per.connection=1.");
    const narrow = lines(renderMarkdown("Set max.in.flight.requests.per.connection=1 now.", { width: 20 }));
    expect(narrow).toEqual(["Set max.in.flight.", "requests.per.", "connection=1 now."]);
  });

  it.each([20, 40, 60, 80, 120])("fits %i columns and keeps every word", (width) => {
    expectTextFit(doc, renderMarkdown(doc, { width }), width);
  });

  it("colours when asked: styled headings and highlighted code", () => {
    const out = renderMarkdown(doc, { width: 80, color: true });
    expect(out).toContain("\u001b[1;35mTitle of the page\u001b[0m");
    expect(out).toContain("\u001b[35mconst\u001b[0m");
    expectTextFit(doc, out, 80);
  });
});

describe("layoutMarkdown", () => {
  it("keeps every line of a code block wider than the layout whole, marked wide, for the reader to scroll", () => {
    const { width, lines: out } = layoutMarkdown(doc, { width: 40 });
    expect(width).toBe(40);
    const wide = out.filter((l) => l.wide);
    expect(wide).toHaveLength(3);
    expect(wide.map((l) => l.spans.map((s) => s.text).join(""))).toContain(`  ${diagram}`);
    expect(wide.every((l) => l.indent === 2)).toBe(true);
    expect(out.filter((l) => !l.wide).every((l) => l.width <= 40)).toBe(true);
  });

  it("does not highlight unless asked (highlighting costs start-up time)", () => {
    const plain = layoutMarkdown(doc, { width: 80 }).lines.find((l) => l.spans.some((s) => s.text.includes("const")));
    expect(plain!.spans.every((s) => !s.style)).toBe(true);
    const lit = layoutMarkdown(doc, { width: 80, highlight: true }).lines.find((l) => l.spans.some((s) => s.text === "const"));
    expect(lit!.spans.find((s) => s.text === "const")!.style).toEqual({ color: "magenta" });
  });
});
