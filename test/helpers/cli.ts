/** Runs the CLI in-process with captured streams: the commander factory, no child process. */
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, opts: { tty?: boolean } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const stdin = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false });
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: 80 },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    env,
  });
  return { code, stdout, stderr };
}
