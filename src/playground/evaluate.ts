/**
 * Runs one input of the playground: transpiles it (see transpile.ts) and runs the result as a
 * script in this process's global scope, so declarations stay visible to later inputs and
 * objects share the broker's realm (a `Uint8Array` made here is one to the broker too).
 */
import { Script } from "node:vm";
import { transpileInput } from "./transpile.js";

export type Outcome =
  | { kind: "value"; value: unknown }
  /** The input stops mid-statement: read another line and try again with both. */
  | { kind: "incomplete" }
  | { kind: "error"; error: unknown };

export interface EvaluatorOptions {
  /** Run-time export names of mqtutor/broker. */
  brokerExports: ReadonlySet<string>;
  /** Let Ctrl+C stop a runaway input (on a terminal). @default false */
  breakOnSigint?: boolean;
}

/**
 * Runs one input. The outcome is immediate unless the input awaits something: a REPL must know
 * at once whether a line was complete before it reads the next one.
 */
export type Evaluate = (input: string) => Outcome | Promise<Outcome>;

export function createEvaluator(options: EvaluatorOptions): Evaluate {
  let n = 0;
  return (input) => {
    const t = transpileInput(input, options);
    if (t.kind === "incomplete") return t;
    if (t.kind === "error") return { kind: "error", error: new InputError(t.message) };
    let value: unknown;
    try {
      const script = new Script(t.js, { filename: `input-${++n}` });
      value = script.runInThisContext({ breakOnSigint: options.breakOnSigint ?? false, displayErrors: false });
    } catch (error) {
      return { kind: "error", error };
    }
    if (!t.async) return { kind: "value", value };
    return (value as Promise<unknown>).then(
      (v): Outcome => ({ kind: "value", value: v }),
      (error: unknown): Outcome => ({ kind: "error", error }),
    );
  };
}

/** Input that cannot run as written (a syntax error, an import that cannot work): no stack to show. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
