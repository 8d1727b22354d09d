/**
 * Start-up of the binary against a bare `node -e 0`, measured in the same run (issue 7 §2,
 * DESIGN §4 "start-up budget"): each command and the home screen's first frame as a ratio to
 * node's own start, and how long Enter on the home screen takes to show the reader.
 *
 * Method: rounds alternate the baseline and each build (ABBA, so neither is always first);
 * every figure is a median of at least 7 rounds. Commands run without a terminal, as scripts
 * use them; the home screen runs in a real pseudo-terminal of 100×30 (util-linux `script`),
 * with CI unset (ink draws only its last frame under CI), and its baseline is `node -e 0` in
 * the same pseudo-terminal. The reader's frame is timed from Enter until the lesson's text is
 * on screen, once with the home screen settled (a second after its first frame, as a person
 * reads it) and once with Enter pressed 200 ms after the first frame (a quick reaction, while
 * the app may still be loading the reader's renderer).
 *
 * Each other screen is timed the same way from the settled home screen: from its key (e
 * exercise, t quiz, r review, p progress, y playground; issue 10 "each screen's first frame
 * after its key ≤ 100 ms") until its first lines are on screen. The home has a quiz card
 * answered 40 days ago, so `r` has a review to open.
 *
 * Set MQTUTOR_BENCH_BEFORE to another checkout of mqtutor (built) to measure it in the same
 * rounds, in a "before" column: `MQTUTOR_BENCH_BEFORE=/tmp/old npm run bench cli`.
 * MQTUTOR_BENCH_SCREENS_ONLY=1 skips the commands (to look at the screens alone).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { ProgressStore } from "../src/learning/fs-progress-store.js";
import { newCard, reviewCard } from "../src/learning/scheduler.js";
import { toSnapshot } from "../src/learning/stored-cards.js";
import { fmt, median } from "./harness.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const COMMAND_ROUNDS = 11;
const SCREEN_ROUNDS = 9;
const SIZE = { columns: 100, rows: 30 };
/** How long a person looks at the home screen before pressing Enter: settled, and quick. */
const SETTLE_MS = 1000;
const QUICK_MS = 200;

interface Build {
  label: string;
  bin: string;
  home: string;
  /** Text that is on screen once the home screen's first frame is: the last lesson's title. */
  homeMarker: string;
}

const COMMANDS: { args: string[]; budget: number }[] = [
  { args: ["--version"], budget: 1.5 },
  { args: ["--help"], budget: 1.5 },
  { args: ["lessons", "--json"], budget: 1.5 },
  { args: ["lessons"], budget: 1.5 },
  { args: ["progress", "--json"], budget: 1.5 },
  { args: ["progress"], budget: 1.5 },
  { args: ["exercises", "--json"], budget: 1.5 },
  { args: ["read", "1", "--plain"], budget: 2.0 },
  { args: ["cheatsheet"], budget: 2.0 },
];
const HOME_BUDGET = 2.5;
const ENTER_BUDGET_MS = 100;
/** In the reader's first lines (src/ui/plain/lesson-text.ts), never on the home screen. */
const READER_MARKER = "In this lesson you will";
const SCREEN_BUDGET_MS = 100;
/** The home screen's keys to the other screens, and text each screen's first frame shows. */
const SCREEN_KEYS = [
  { key: "e", name: "exercise", marker: "Your file:" },
  { key: "t", name: "quiz", marker: "Question 1 of" },
  { key: "r", name: "review", marker: "Question 1 of" },
  { key: "p", name: "progress", marker: "Lessons read:" },
  { key: "y", name: "playground", marker: "mq>" },
];
/** A question of lesson 1 and the day its card was first answered: due again long since. */
const DUE_QUESTION = "queue-primary-advantage";
const ANSWERED_DAYS_AGO = 40;

function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MQTUTOR_HOME: home, MQTUTOR_WORKSPACE: join(home, "workspace"), TERM: "xterm-256color", LANG: "C.UTF-8" };
  delete env.CI; // ink renders only the last frame when CI is set
  delete env.MQTUTOR_CONTENT; // the installed course, through its index
  delete env.NODE_OPTIONS;
  return env;
}

function newBuild(label: string, checkout: string): Build {
  const bin = join(checkout, "bin", "mqtutor.js");
  const home = mkdtempSync(join(tmpdir(), `mqtutor-bench-${label}-`));
  // One quiz card answered long ago, due now: the review screen has something to open.
  const at = new Date(Date.now() - ANSWERED_DAYS_AGO * 86_400_000);
  const card = toSnapshot(reviewCard(newCard(at), "Good", at));
  new ProgressStore(home).append({ v: 1, type: "quiz-answered", at: at.toISOString(), question: DUE_QUESTION, answer: "2", correct: true, practice: false, rating: "Good", card });
  const r = spawnSync(process.execPath, [bin, "lessons", "--json"], { env: childEnv(home), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${bin} lessons --json exited ${r.status}: ${r.stderr}`);
  const lessons = (JSON.parse(r.stdout) as { lessons: { title: string }[] }).lessons;
  return { label, bin, home, homeMarker: lessons.at(-1)!.title.slice(0, 24) };
}

/** Wall time of one process run to its exit, in ms. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Runs `fns` alternately (ABBA) for `rounds` rounds after one warm-up each; every run's result per fn. */
async function alternate<T>(fns: (() => T | Promise<T>)[], rounds: number): Promise<T[][]> {
  for (const f of fns) await f();
  const out: T[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = fns.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) out[i]!.push(await fns[i]!());
  }
  return out;
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** A process in a pseudo-terminal of SIZE, with its screen output as text. */
class Pty {
  readonly started = performance.now();
  private raw = "";
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];
  exited = false;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    const command = `stty cols ${SIZE.columns} rows ${SIZE.rows}; exec ${[process.execPath, ...args].map(quote).join(" ")}`;
    this.child = spawn("script", ["-qfec", command, "/dev/null"], { env, detached: true, stdio: ["pipe", "pipe", "ignore"] });
    this.child.stdout!.setEncoding("utf8");
    this.child.stdout!.on("data", (chunk: string) => {
      this.raw += chunk;
      this.notify();
    });
    this.child.on("close", () => {
      this.exited = true;
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  text(): string {
    return stripVTControlCharacters(this.raw);
  }

  /** Resolves with performance.now() when the screen output first satisfies `ok`. */
  async until(ok: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (!ok(this.text())) {
      if (this.exited) throw new Error(`exited before showing ${what}:\n${this.text().slice(-2000)}`);
      if (performance.now() > deadline) throw new Error(`no ${what} after ${timeoutMs} ms:\n${this.text().slice(-2000)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return performance.now();
  }

  /** Output from now on only: a new frame is judged by what it draws, not by earlier frames. */
  mark(): void {
    this.raw = "";
  }

  type(keys: string): void {
    this.child.stdin!.write(keys);
  }

  kill(): void {
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

async function ptyBaseline(env: NodeJS.ProcessEnv): Promise<number> {
  const pty = new Pty(["-e", "0"], env);
  const end = await pty.until(() => pty.exited, "the exit of node -e 0");
  return end - pty.started;
}

interface ScreenRun {
  homeMs: number;
  enterMs: number;
}

/** Starts the home screen; presses Enter `settleMs` after its first frame; times both frames. */
async function screenRun(build: Build, settleMs: number): Promise<ScreenRun> {
  const pty = new Pty([build.bin], childEnv(build.home));
  try {
    const home = await pty.until((t) => t.includes(build.homeMarker), "the home screen");
    await new Promise((r) => setTimeout(r, settleMs));
    pty.mark();
    const pressed = performance.now();
    pty.type("\r");
    const reader = await pty.until((t) => t.includes(READER_MARKER), "the reader");
    return { homeMs: home - pty.started, enterMs: reader - pressed };
  } finally {
    pty.kill();
  }
}

/** Starts the home screen; presses `key` a second after its first frame; times the screen's first frame. */
async function keyRun(build: Build, key: string, marker: string): Promise<number> {
  const pty = new Pty([build.bin], childEnv(build.home));
  try {
    await pty.until((t) => t.includes(build.homeMarker), "the home screen");
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    pty.mark();
    const pressed = performance.now();
    pty.type(key);
    return (await pty.until((t) => t.includes(marker), `the screen of ${key}`)) - pressed;
  } finally {
    pty.kill();
  }
}

const ratio = (x: number) => `${fmt(x)}x`;
const pad = (s: string, n: number) => s.padEnd(n);

export default async function startupBench(): Promise<void> {
  console.log("building dist/ from the sources (node scripts/build.mjs --no-types)…");
  execFileSync(process.execPath, [join(root, "scripts", "build.mjs"), "--no-types"], { cwd: root, stdio: "inherit" });
  const builds = [newBuild("now", root)];
  const before = process.env.MQTUTOR_BENCH_BEFORE;
  if (before) builds.push(newBuild("before", before));
  const baseEnv = childEnv(builds[0]!.home);

  const header = (first: string) => `  ${pad(first, 34)}${pad("budget", 10)}${builds.map((b) => pad(b.label, 20)).join("")}`;
  const cell = (r: number, ms: number) => pad(`${ratio(r)} (${fmt(ms)} ms)`, 20);
  let failures = 0;
  const verdict = (ok: boolean) => {
    if (!ok) failures++;
    return ok ? "" : "  over budget";
  };

  if (process.env.MQTUTOR_BENCH_SCREENS_ONLY) COMMANDS.length = 0;
  console.log(`\nstart-up: commands without a terminal, as a ratio to node -e 0 (median of ${COMMAND_ROUNDS} alternating rounds)`);
  console.log(header("command"));
  const baselines: number[] = [];
  for (const { args, budget } of COMMANDS) {
    const runs = await alternate(
      [() => timeRun(["-e", "0"], baseEnv), ...builds.map((b) => () => timeRun([b.bin, ...args], childEnv(b.home)))],
      COMMAND_ROUNDS,
    );
    const base = median(runs[0]!);
    baselines.push(base);
    const mine = builds.map((_, i) => median(runs[i + 1]!));
    console.log(
      `  ${pad(`mqtutor ${args.join(" ")}`, 34)}${pad(`<= ${budget}x`, 10)}${mine.map((ms) => cell(ms / base, ms)).join("")}${verdict(mine[0]! / base <= budget)}`,
    );
  }
  console.log(`  (node -e 0 took ${fmt(median(baselines))} ms)`);

  console.log(`\nstart-up: screens in a ${SIZE.columns}x${SIZE.rows} pseudo-terminal, CI unset (median of ${SCREEN_ROUNDS} alternating rounds)`);
  console.log(header("screen"));
  const runs = await alternate<number | ScreenRun>(
    [
      () => ptyBaseline(baseEnv),
      ...builds.flatMap((b) => [() => screenRun(b, SETTLE_MS), () => screenRun(b, QUICK_MS)]),
    ],
    SCREEN_ROUNDS,
  );
  const base = median(runs[0] as number[]);
  const settled = builds.map((_, i) => runs[1 + 2 * i] as ScreenRun[]);
  const quick = builds.map((_, i) => runs[2 + 2 * i] as ScreenRun[]);
  const home = builds.map((_, i) => median([...settled[i]!, ...quick[i]!].map((r) => r.homeMs)));
  console.log(`  ${pad("home screen, first frame", 34)}${pad(`<= ${HOME_BUDGET}x`, 10)}${home.map((ms) => cell(ms / base, ms)).join("")}${verdict(home[0]! / base <= HOME_BUDGET)}`);
  const enterRow = (name: string, rs: ScreenRun[][]) => {
    const ms = rs.map((r) => median(r.map((x) => x.enterMs)));
    console.log(`  ${pad(name, 34)}${pad(`<= ${ENTER_BUDGET_MS} ms`, 10)}${ms.map((m) => pad(`${fmt(m)} ms`, 20)).join("")}${verdict(ms[0]! <= ENTER_BUDGET_MS)}`);
  };
  enterRow(`Enter on home → reader frame`, settled);
  enterRow(`  …pressed ${QUICK_MS} ms after it`, quick);
  console.log(`  (node -e 0 in the same pseudo-terminal took ${fmt(base)} ms)`);

  console.log(`\nstart-up: each screen's first frame after its key on the settled home screen (median of ${SCREEN_ROUNDS} alternating rounds)`);
  console.log(header("screen"));
  const keyRuns = await alternate(
    builds.flatMap((b) => SCREEN_KEYS.map(({ key, marker }) => () => keyRun(b, key, marker))),
    SCREEN_ROUNDS,
  );
  SCREEN_KEYS.forEach(({ key, name }, k) => {
    const ms = builds.map((_, i) => median(keyRuns[i * SCREEN_KEYS.length + k]!));
    console.log(`  ${pad(`${key} on home → ${name}`, 34)}${pad(`<= ${SCREEN_BUDGET_MS} ms`, 10)}${ms.map((m) => pad(`${fmt(m)} ms`, 20)).join("")}${verdict(ms[0]! <= SCREEN_BUDGET_MS)}`);
  });
  console.log(failures === 0 ? "\nstart-up: every figure within its budget" : `\nstart-up: ${failures} figure(s) over budget`);

  for (const b of builds) rmSync(b.home, { recursive: true, force: true });
}
