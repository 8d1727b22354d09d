/**
 * Runs checks in a child process with a time limit, and keeps one child warm for the next
 * run (the watch loop answers a save without starting Node again). A run that overruns its
 * limit, or a child that dies, is reported in plain words and replaced by a fresh child.
 */
import { fork, type ChildProcess } from "node:child_process";
import type { ChildMessage, RunRequest } from "./protocol.js";
import type { RunChecksOutcome } from "./run-checks.js";

/** Time one run of an exercise's checks may take. */
export const RUN_TIME_LIMIT_MS = 10_000;

export type RunnerOutcome =
  | { kind: "done"; outcome: RunChecksOutcome; output: string; crash?: string }
  | { kind: "timeout"; output: string }
  | { kind: "died"; message: string; output: string };

export interface RunnerOptions {
  /** dist/exercises/check-child.js. */
  childJs: string;
  /** The only directory the learner's code may write to. */
  workspace: string;
  timeLimitMs?: number;
  env?: NodeJS.ProcessEnv;
}

interface Warm {
  child: ChildProcess;
  ready: Promise<void>;
  output: string[];
}

export class CheckRunner {
  private warm: Warm | undefined;
  /** The child running a check now, so close() can stop it too. */
  private busy: Warm | undefined;
  private nextId = 1;

  constructor(private readonly options: RunnerOptions) {}

  /** Starts a child now so the first run does not wait for Node to start. */
  prepare(): void {
    this.warm ??= this.spawn();
  }

  /** `keepWarm: false`: the child ends after this run, and the next run gets a fresh one. */
  async run(req: Omit<RunRequest, "type" | "id">, options: { keepWarm?: boolean } = {}): Promise<RunnerOutcome> {
    const warm = this.warm ?? this.spawn();
    this.warm = undefined;
    this.busy = warm;
    await warm.ready;
    const id = this.nextId++;
    const limit = this.options.timeLimitMs ?? RUN_TIME_LIMIT_MS;
    const outcome = await new Promise<RunnerOutcome>((resolve) => {
      const done = (o: RunnerOutcome) => {
        clearTimeout(timer);
        warm.child.off("message", onMessage);
        warm.child.off("exit", onExit);
        resolve(o);
      };
      const onMessage = (m: ChildMessage) => {
        if (m.type === "result" && m.id === id) {
          done({ kind: "done", outcome: m.outcome, output: joinOutput(warm.output, m.output), ...(m.crash ? { crash: m.crash } : {}) });
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        done({
          kind: "died",
          message:
            `The process running your code ended unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}). ` +
            `Did your code kill its own process or run out of memory?`,
          output: joinOutput(warm.output, ""),
        });
      };
      const timer = setTimeout(() => {
        warm.child.kill("SIGKILL");
        done({ kind: "timeout", output: joinOutput(warm.output, "") });
      }, limit);
      warm.child.on("message", onMessage);
      warm.child.once("exit", onExit);
      warm.child.channel?.ref();
      warm.child.send({ type: "run", id, ...req } satisfies RunRequest);
    });
    warm.child.channel?.unref();
    this.busy = undefined;
    // A child that finished cleanly is kept for the next run; anything else is replaced.
    if (outcome.kind === "done" && !outcome.crash && warm.child.exitCode === null && options.keepWarm !== false) {
      warm.output.length = 0;
      this.warm = warm;
    } else {
      warm.child.kill("SIGKILL");
    }
    return outcome;
  }

  /** Stops the warm child and any run in progress (its result is then "died"). */
  close(): void {
    this.warm?.child.kill("SIGKILL");
    this.busy?.child.kill("SIGKILL");
    this.warm = undefined;
  }

  private spawn(): Warm {
    const { workspace } = this.options;
    const child = fork(this.options.childJs, [], {
      // The learner's code may read anything (it imports mqtutor's files) but write only in
      // the workspace: never the progress log.
      execArgv: ["--no-warnings", "--experimental-permission", "--allow-fs-read=*", `--allow-fs-write=${workspace}`],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...(this.options.env ?? process.env), MQTUTOR_HOME: "", FORCE_COLOR: "0" },
      serialization: "json",
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      if (output.join("").length < 4000) output.push(chunk.toString("utf8"));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type === "ready") {
          child.off("message", onMessage);
          resolve();
        }
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`The check process could not start (exit ${code}): ${output.join("")}`)));
    });
    ready.catch(() => undefined);
    // Never keep the app alive just for a warm child.
    child.unref();
    child.channel?.unref();
    return { child, ready, output };
  }
}

function joinOutput(streamed: string[], captured: string): string {
  return (captured + streamed.join("")).slice(0, 4000);
}
