/**
 * The shape of dist/plain/<command>.js, each a plain command bundled into one file with all it
 * needs (see src/cli/start.ts): run it, or say that cli.js must (undefined), with every error
 * turned into an exit code here, where this bundle's own error classes are known.
 */
import { loadBundledCourse } from "../../content/fs-course-index.js";
import { ExitCode } from "../../errors.js";
import type { CommandContext } from "../context.js";
import type { Invocation } from "../dispatch.js";
import { exitCodeFor } from "../exit-code.js";

export type PlainRun = (ctx: CommandContext, inv: Invocation) => Promise<number | undefined>;

export function plainEntry(run: (ctx: CommandContext, inv: Invocation) => Promise<void>): PlainRun {
  return async (ctx, inv) => {
    try {
      // A course edited since the build is read from its files by the validating loader,
      // which only cli.js carries.
      if (!loadBundledCourse()) return undefined;
      await run(ctx, inv);
      return ExitCode.Ok;
    } catch (err) {
      return exitCodeFor(err, ctx.io);
    }
  };
}
