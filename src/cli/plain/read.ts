import { runRead } from "../commands/read.js";
import { plainEntry } from "./entry.js";

/** `read` in plain form only: src/cli/start.ts sends the reader (a terminal, no --plain) to cli.js. */
export const run = plainEntry((ctx, { args, opts }) => runRead(ctx, args[0]!, { ...opts, plain: true }));
