// The paths a learner takes, in a real terminal: home → reader → back, resume, resize, Ctrl+C.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TmuxSession, hasTmux } from "./helpers/tmux.js";

const sessions: TmuxSession[] = [];
const start = (args: string[], home: string, size?: { columns: number; rows: number }) => {
  const s = new TmuxSession(args, { MQTUTOR_HOME: home }, size);
  sessions.push(s);
  return s;
};
const events = (home: string) =>
  readFileSync(join(home, "progress.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { type: string; lesson: string; line?: number });

afterEach(() => {
  while (sessions.length) sessions.pop()!.kill();
});

describe.skipIf(!hasTmux())("mqtutor in a real terminal", () => {
  it("opens a lesson from the home screen, scrolls, goes back and quits", async () => {
    const home = mkdtempSync(join(tmpdir(), "mqtutor-tmux-"));
    const t = start([], home);
    await t.waitFor((s) => s.includes("Lessons read 0/"));
    t.send("Enter");
    await t.waitFor((s) => s.includes("Lesson 1:") && /lines 1-\d+ of/.test(s));
    t.send("j", "j", "Space");
    await t.waitFor((s) => !/lines 1-/.test(s));
    t.send("q");
    await t.waitFor((s) => s.includes("Lessons read"));
    t.send("q");
    const after = await t.waitFor((s) => s.includes("[exit 0]"));
    // The alternate screen is gone: the shell's screen is back, not the app's last frame.
    expect(after).not.toContain("Lessons read");
    const log = events(home);
    expect(log.map((e) => e.type)).toEqual(["lesson-opened", "reading-position"]);
    expect(log[1]!.line).toBeGreaterThan(2);

    // Reopening resumes there.
    const t2 = start(["read", "1"], home);
    await t2.waitFor((s) => /lines \d+-\d+ of/.test(s));
    expect(t2.screen()).not.toMatch(/lines 1-/);
    t2.send("G");
    await t2.waitFor((s) => s.includes("(100%)"));
    t2.send("C-c");
    await t2.waitFor((s) => s.includes("[exit 0]"));
    expect(events(home).some((e) => e.type === "lesson-finished" && e.lesson === log[0]!.lesson)).toBe(true);
  });

  it("re-lays out on resize and says so when the terminal is too small", async () => {
    const home = mkdtempSync(join(tmpdir(), "mqtutor-tmux-"));
    const t = start(["read", "1"], home, { columns: 80, rows: 24 });
    await t.waitFor((s) => /lines 1-21 of/.test(s));
    t.resize(40, 12);
    const small = await t.waitFor((s) => /lines 1-9 of/.test(s));
    expect(small.split("\n").every((l) => l.length <= 40)).toBe(true);
    t.resize(30, 8);
    await t.waitFor((s) => s.includes("Terminal too small"));
    t.resize(80, 24);
    await t.waitFor((s) => /lines 1-21 of/.test(s));
    t.send("q");
    await t.waitFor((s) => s.includes("[exit 0]"));
  });
});
