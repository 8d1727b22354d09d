import { runExercises } from "../commands/exercises.js";
import { plainEntry } from "./entry.js";

export const run = plainEntry((ctx, { opts }) => runExercises(ctx, opts));
