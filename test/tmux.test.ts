// The paths a learner takes, in a real terminal: home → reader → back, resume, resize, Ctrl+C.
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TmuxSession, hasTmux } from "./helpers/tmux.js";

const sessions: TmuxSession[] = [];
const start = (args: string[], home: string, size?: { columns: number; rows: number }, env: Record<string, string> = {}) => {
  const s = new TmuxSession(args, { MQTUTOR_HOME: home, ...env }, size);
  sessions.push(s);
  return s;
};
const tmpHome = () => mkdtempSync(join(tmpdir(), "mqtutor-tmux-"));
const events = (home: string) =>
  (existsSync(join(home, "progress.jsonl")) ? readFileSync(join(home, "progress.jsonl"), "utf8") : "")
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
    await t.waitFor((s) => s.includes("Read 0/"));
    t.send("Enter");
    await t.waitFor((s) => s.includes("Lesson 1:") && /lines 1-\d+ of/.test(s));
    t.send("j", "j", "Space");
    await t.waitFor((s) => !/lines 1-/.test(s));
    t.send("q");
    await t.waitFor((s) => s.includes("c continue"));
    t.send("q");
    const after = await t.waitFor((s) => s.includes("[exit 0]"));
    // The alternate screen is gone: the shell's screen is back, not the app's last frame.
    expect(after).not.toContain("c continue");
    const log = events(home);
    // Opened, then the position as it moved (saved at most once a second) and where it was left.
    expect(log[0]!.type).toBe("lesson-opened");
    expect(log.slice(1).every((e) => e.type === "reading-position")).toBe(true);
    expect(log.at(-1)!.line).toBeGreaterThan(2);

    // Reopening resumes there.
    const t2 = start(["read", "1"], home);
    await t2.waitFor((s) => /lines \d+-\d+ of/.test(s));
    expect(t2.screen()).not.toMatch(/lines 1-/);
    t2.send("G");
    await t2.waitFor((s) => s.includes("(100%)"));
    t2.send("C-c");
    await t2.waitFor((s) => s.includes("[exit 130]"));
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

  it("opens a lesson from the home screen when progress cannot be written, warning in one line, then on stderr", async () => {
    const home = tmpHome();
    // A link into a folder that does not exist: the log reads as empty, every append fails (ENOENT).
    symlinkSync(join(home, "missing", "progress.jsonl"), join(home, "progress.jsonl"));
    const t = start([], home);
    await t.waitFor((s) => s.includes("Read 0/"));
    t.send("Enter");
    const reader = await t.waitFor((s) => s.includes("Lesson 1:") && s.includes("! Progress not saved"));
    expect(reader).toMatch(/lines 1-\d+ of/);
    expect(reader).not.toContain("DataError");
    t.send("q");
    await t.waitFor((s) => s.includes("c continue"));
    t.send("q");
    const after = await t.waitFor((s) => s.includes("[exit 0]"));
    expect(after).toContain("warning: your progress in this session was not saved.");
    expect(after).toContain("could not be written (ENOENT)");
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const)("saves the reading position on %s, restores the screen and exits %i", async (signal, code) => {
    const home = tmpHome();
    const t = start(["read", "1"], home);
    await t.waitFor((s) => /lines 1-21 of/.test(s));
    // The first move is saved at once; the next ones within a second only by the signal.
    t.send("j");
    await t.waitFor((s) => /lines 2-22 of/.test(s));
    t.send("Space", "Space");
    const screen = await t.waitFor((s) => /lines 42-62 of/.test(s));
    expect(screen).toBeTruthy();
    process.kill(t.appPid(), signal);
    const after = await t.waitFor((s) => s.includes(`[exit ${code}]`));
    expect(after).not.toContain("lines 42-62");
    expect(events(home).filter((e) => e.type === "reading-position").at(-1)?.line).toBe(41);
  });

  it("Ctrl+C exits 130 and gives the screen back", async () => {
    const t = start([], tmpHome());
    await t.waitFor((s) => s.includes("Read 0/"));
    t.send("C-c");
    const after = await t.waitFor((s) => s.includes("[exit 130]"));
    expect(after).not.toContain("c continue");
  });

  it("Ctrl+Z suspends to the shell (raw mode and alternate screen left); fg brings the whole screen back", async () => {
    const home = tmpHome();
    const t = new TmuxSession([], { MQTUTOR_HOME: home }, { columns: 80, rows: 24 }, { shell: true });
    sessions.push(t);
    await t.waitFor((s) => s.includes("$"));
    t.run(["read", "1"]);
    await t.waitFor((s) => /lines 1-21 of/.test(s));
    t.send("j");
    await t.waitFor((s) => /lines 2-22 of/.test(s));
    t.send("C-z");
    const shell = await t.waitFor((s) => /Stopped/.test(s));
    expect(shell).not.toContain("lines 2-22");
    // The shell has the terminal in cooked mode again: typed text echoes as a command line.
    t.run([], "echo cooked-$((40+2))");
    await t.waitFor((s) => s.includes("cooked-42"));
    t.run([], "fg");
    const back = await t.waitFor((s) => /lines 2-22 of/.test(s) && s.includes("Lesson 1:"));
    expect(back).not.toContain("cooked-42");
    t.send("j");
    await t.waitFor((s) => /lines 3-23 of/.test(s));
    t.send("q");
    // Type only once the shell shows its prompt again: earlier, the app could still read the line.
    await t.waitFor((s) => !s.includes("Lesson 1:") && s.trimEnd().split("\n").at(-1)!.trim() === "$");
    t.run([], 'echo "[exit $?]"');
    await t.waitFor((s) => s.includes("[exit 0]"));
  });

  it("with TERM=dumb prints plain text: no alternate screen, no waiting for keys", async () => {
    const t = start(["read", "1"], tmpHome(), { columns: 80, rows: 24 }, { TERM: "dumb" });
    const after = await t.waitFor((s) => s.includes("[exit 0]"));
    expect(after).toContain("Cheat sheet");
    expect(after).not.toMatch(/lines \d+-\d+ of/);
  });
});
