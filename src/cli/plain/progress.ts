import { runProgress } from "../commands/progress.js";
import { plainEntry } from "./entry.js";

export const run = plainEntry((ctx, { opts }) => runProgress(ctx, opts));
