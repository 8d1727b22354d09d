import { runLessons } from "../commands/lessons.js";
import { plainEntry } from "./entry.js";

export const run = plainEntry((ctx, { opts }) => runLessons(ctx, opts));
