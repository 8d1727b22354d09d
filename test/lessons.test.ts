// Issue 4's checks on the real lessons: structure, a diagram, a cheat sheet last, length, width.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/fs-source.js";
import { renderMarkdown } from "../src/ui/markdown.js";
import { cheatSheetMarkdown } from "../src/ui/plain/lesson-text.js";
import { codeBlocks } from "./helpers/code-blocks.js";

const course = loadCourse(fileURLToPath(new URL("..", import.meta.url)));

const titles = [
  "Why Async? The Producer-Consumer Pattern",
  "Pub/Sub Pattern: One Event, Many Listeners",
  "Dead Letter Queues and Error Handling",
  "Kafka Core Concepts: Topics, Partitions, and Consumer Groups",
  "Message Ordering and Exactly-Once Delivery",
  "Kafka vs RabbitMQ vs SQS: Choosing the Right Tool",
  "Event-Driven Architecture Patterns: Choreography vs Orchestration",
  "The Saga Pattern: Distributed Transactions Without Two-Phase Commit",
  "Event Sourcing: The Event Log as Source of Truth",
  "Practice: Designing an Event-Driven Notification System",
];

/** Lines of one 80x24 screen left once the shell has shown the command and its prompt. */
const SCREEN_LINES = 22;

/** Rendered lines at 80 columns, as the plain commands print them. */
const linesAt80 = (markdown: string) => renderMarkdown(markdown, { width: 80 }).trimEnd().split("\n");

const required = ["## Try it on the bundled broker", "## Trade-offs and pitfalls", "## Key takeaways", "## Practice", "## Cheat sheet"];

it("has the ten lessons, in order, with their titles", () => {
  expect(course.lessons.map((l) => l.title)).toEqual(titles);
});

describe.each(course.lessons.map((l) => [l.file, l] as const))("%s", (_file, lesson) => {
  const headings = lesson.body.split("\n").filter((l) => /^## /.test(l));
  const blocks = codeBlocks(lesson.body);

  it("has the required sections in order, the cheat sheet last", () => {
    const positions = required.map((h) => headings.indexOf(h));
    expect(positions.every((p) => p >= 0), `missing one of ${required.join(", ")}; has ${headings.join(" | ")}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(headings.at(-1)).toBe("## Cheat sheet");
    expect(headings.length).toBeGreaterThanOrEqual(required.length + 2);
  });

  it("is 1,200 to 3,000 words", () => {
    const words = lesson.body.split(/\s+/).filter((w) => /\w/.test(w)).length;
    expect(words).toBeGreaterThanOrEqual(1200);
    expect(words).toBeLessThanOrEqual(3000);
  });

  it("has at least one ASCII diagram, and every diagram and code line fits in 76 columns", () => {
    expect(blocks.filter((b) => b.lang === "text").length).toBeGreaterThanOrEqual(1);
    for (const b of blocks) {
      for (const line of b.code.split("\n")) expect(line.length, `${b.lang} block line: ${line}`).toBeLessThanOrEqual(76);
      // eslint-disable-next-line no-control-regex
      if (b.lang === "text") expect(b.code, "diagrams are plain ASCII").toMatch(/^[\x09\x0a\x20-\x7e]*$/);
    }
  });

  it("has a runnable TypeScript example on the bundled broker", () => {
    const runnable = blocks.filter((b) => b.lang === "ts" && b.runnable);
    expect(runnable.length).toBeGreaterThanOrEqual(1);
    expect(runnable.some((b) => b.code.includes('from "mqtutor/broker"'))).toBe(true);
    expect(lesson.body).not.toContain("pending-broker");
  });

  it("points to its exercise and quiz", () => {
    const practice = lesson.body.slice(lesson.body.indexOf("## Practice"));
    expect(practice).toContain(`mqtutor exercise ${lesson.number}`);
    expect(practice).toContain(`mqtutor quiz ${lesson.number}`);
  });

  it("has a compact cheat sheet", () => {
    const words = lesson.cheatSheet.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThan(40);
    expect(words).toBeLessThan(450);
  });

  it(`has a cheat sheet that fits one 80x24 screen (${SCREEN_LINES} lines) as \`mqtutor cheatsheet\` prints it`, () => {
    const printed = linesAt80(cheatSheetMarkdown(lesson));
    expect(printed.length, printed.join("\n")).toBeLessThanOrEqual(SCREEN_LINES);
  });
});

it("ends the capstone with a one-page recap of the design, just before the cheat sheet", () => {
  const capstone = course.lessons.find((l) => l.number === 10);
  const body = capstone?.body ?? "";
  const headings = body.split("\n").filter((l) => /^## /.test(l));
  expect(headings.slice(-2)).toEqual(["## The design on one page", "## Cheat sheet"]);
  const recap = body.slice(body.indexOf("## The design on one page"), body.indexOf("## Cheat sheet"));
  expect(linesAt80(recap).length).toBeLessThanOrEqual(SCREEN_LINES);
});
