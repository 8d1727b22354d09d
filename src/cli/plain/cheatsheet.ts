import { runCheatsheet } from "../commands/cheatsheet.js";
import { plainEntry } from "./entry.js";

export const run = plainEntry((ctx, { args }) => runCheatsheet(ctx, args[0]));
