/**
 * A plain-mode quiz in a real mqtutor process (bin/mqtutor.js → dist/), driven line by line:
 * the test writes an answer, waits for the verdict, and may kill the process at any moment.
 * Stdout is a pipe, which Node writes synchronously on Linux, so a verdict the test has read
 * was printed after its answer's append returned.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { bin } from "./binary.js";

export class QuizChild {
  readonly process: ChildProcess;
  stdout = "";
  stderr = "";
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: Array<() => void> = [];

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C.UTF-8" };
    this.process = spawn(process.execPath, [bin, ...args], { env: { ...base, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    this.process.stdout!.setEncoding("utf8").on("data", (c: string) => {
      this.stdout += c;
      this.notify();
    });
    this.process.stderr!.setEncoding("utf8").on("data", (c: string) => {
      this.stderr += c;
      this.notify();
    });
    this.closed = new Promise((resolve) =>
      this.process.on("close", (code, signal) => {
        this.notify();
        resolve({ code, signal });
      }),
    );
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Verdicts printed so far ("Right." or "Wrong (…"), each after its answer was saved. */
  verdicts(): number {
    return (this.stdout.match(/^(Right\.|Wrong \()/gm) ?? []).length;
  }

  /** Resolves once `test` holds for the output; rejects if the process ends first. */
  waitFor(test: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (test()) return resolve();
        if (this.process.exitCode !== null || this.process.signalCode !== null) {
          return reject(new Error(`mqtutor ended before ${what}; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  /** Writes one answer line and waits for its verdict. */
  async answer(line: string): Promise<void> {
    const before = this.verdicts();
    this.process.stdin!.write(`${line}\n`);
    await this.waitFor(() => this.verdicts() > before, `the verdict of ${JSON.stringify(line)}`);
  }

  /** Closes stdin (end of input) and waits for the exit. */
  async end() {
    this.process.stdin!.end();
    return this.closed;
  }
}
