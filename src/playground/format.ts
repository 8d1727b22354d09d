/** How the playground shows a result or an error to the learner. */
import { inspect } from "node:util";
import { InputError } from "./evaluate.js";

/** A value as the REPL prints it. */
export function formatValue(value: unknown, colors = false): string {
  return inspect(value, { colors, depth: 4 });
}

/**
 * An error in a few lines: its name and message (the broker's say what happened, then what to
 * do), without the stack of our own evaluator. Input that could not run shows its message only.
 */
export function formatError(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `Uncaught ${inspect(error)}`;
}
