/**
 * The parent's side of test/helpers/progress-appender.ts: spawns it with `node --import tsx`,
 * and keeps a few children started ahead of time, since tsx needs ~300 ms to start one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AppendCommand } from "./progress-appender.js";

const script = fileURLToPath(new URL("./progress-appender.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

/** One appender process and everything it printed. */
export class AppenderChild {
  readonly process: ChildProcess;
  /** Complete stdout lines, in order. */
  readonly lines: string[] = [];
  stderr = "";
  /** Resolves with the exit code (null) and signal once the process ended and its output is read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private partial = "";
  private waiters: Array<() => void> = [];

  constructor() {
    this.process = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.process.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      const parts = (this.partial + chunk).split("\n");
      this.partial = parts.pop()!;
      if (parts.length > 0) {
        this.lines.push(...parts);
        this.notify();
      }
    });
    this.process.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
    this.closed = new Promise((resolve) => {
      this.process.on("close", (code, signal) => {
        this.notify();
        resolve({ code, signal });
      });
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves with the first line (from index `from`) that satisfies `test`; rejects if the child ends first. */
  waitForLine(test: (line: string) => boolean, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.lines.slice(from).find(test);
        if (found !== undefined) resolve(found);
        else if (this.process.exitCode !== null || this.process.signalCode !== null) {
          reject(new Error(`appender ended without the expected line; stderr:\n${this.stderr}`));
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Sends one command; returns the line index its output starts from. */
  send(command: AppendCommand): number {
    const from = this.lines.length;
    this.process.stdin!.write(JSON.stringify(command) + "\n");
    return from;
  }

  /** Runs a command to its end: resolves with `done N` or `error {...}`. */
  async run(command: AppendCommand): Promise<string> {
    const from = this.send(command);
    return this.waitForLine((l) => l.startsWith("done ") || l.startsWith("error "), from);
  }

  /** Closes stdin so the child exits on its own. */
  async end(): Promise<void> {
    this.process.stdin!.end();
    await this.closed;
  }
}

/** Children started ahead of use, so their startup overlaps with other work. */
export class AppenderPool {
  private readonly waiting: AppenderChild[] = [];
  private readonly all: AppenderChild[] = [];

  /**
   * @param ahead how many children to keep started and waiting.
   * @param budget how many children the pool may start in all, so none starts only to be closed.
   */
  constructor(
    private readonly ahead: number,
    private readonly budget: number,
  ) {
    this.topUp();
  }

  private topUp(): void {
    while (this.waiting.length < this.ahead && this.all.length < this.budget) {
      const child = new AppenderChild();
      this.waiting.push(child);
      this.all.push(child);
    }
  }

  /** The oldest started child, once it is ready; another one starts in its place. */
  async take(): Promise<AppenderChild> {
    const child = this.waiting.shift();
    if (child === undefined) throw new Error(`the pool's budget of ${this.budget} children is spent`);
    this.topUp();
    await child.waitForLine((l) => l === "ready");
    return child;
  }

  /** Ends every child this pool started (the idle ones by closing stdin). */
  async close(): Promise<void> {
    await Promise.all(
      this.all.map((c) => (c.process.exitCode === null && c.process.signalCode === null ? c.end() : c.closed)),
    );
  }
}
