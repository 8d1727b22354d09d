/**
 * The learner's workspace: a folder of their own (never inside the installed package) with one
 * file per exercise, and what an editor needs to resolve `mqtutor/broker` and its types there
 * (package.json, tsconfig.json, node_modules/mqtutor pointing at this mqtutor). Created on
 * first use; mqtutor's own files in it are refreshed, the learner's files are never touched
 * except by `reset`, which keeps a backup.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join, resolve } from "node:path";
import { UsageError } from "../errors.js";

/** `--workspace`, else MQTUTOR_WORKSPACE, else ~/mqtutor-exercises. */
export function workspaceDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const raw = flag || env.MQTUTOR_WORKSPACE || join(homedir(), "mqtutor-exercises");
  return resolve(raw.replace(/^~(?=$|\/)/, homedir()));
}

/** The learner's file for an exercise: `<workspace>/03-retrying-consumer.ts`. */
export function learnerFile(workspace: string, exerciseDir: string): string {
  return join(workspace, `${basename(exerciseDir)}.ts`);
}

const ENV_DTS = `// Globals your exercise code may use (mqtutor runs it on Node, without DOM types).
declare var console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
};
declare function setTimeout(handler: (...args: unknown[]) => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function setInterval(handler: (...args: unknown[]) => void, ms?: number): unknown;
declare function clearInterval(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
`;

/** The compile options of a learner's file: the editor's (tsconfig.json) and the checker's. */
export const LEARNER_COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023"],
  types: [],
  strict: true,
  skipLibCheck: true,
} as const;

const TSCONFIG = {
  compilerOptions: { ...LEARNER_COMPILER_OPTIONS, noEmit: true },
  include: ["*.ts"],
};

export interface PreparedWorkspace {
  dir: string;
  envDts: string;
}

/** Creates the workspace (or refreshes mqtutor's files in it). */
export function prepareWorkspace(dir: string, packageRoot: string): PreparedWorkspace {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`The workspace ${dir} is a file, not a folder.\nPass --workspace <dir> (or set MQTUTOR_WORKSPACE) to a folder.`);
  }
  mkdirSync(dir, { recursive: true });
  const envDts = join(dir, "mqtutor-env.d.ts");
  writeIfChanged(envDts, ENV_DTS);
  writeIfMissing(join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }, null, 2) + "\n");
  writeIfMissing(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2) + "\n");
  linkPackage(join(dir, "node_modules", "mqtutor"), packageRoot);
  return { dir, envDts };
}

function writeIfMissing(file: string, text: string): void {
  if (!existsSync(file)) writeFileSync(file, text);
}

function writeIfChanged(file: string, text: string): void {
  writeFileSync(file, text);
}

/** node_modules/mqtutor → this mqtutor, so editors and tsc resolve `mqtutor/broker`. */
function linkPackage(link: string, target: string): void {
  mkdirSync(join(link, ".."), { recursive: true });
  try {
    const st = lstatSync(link);
    if (st.isSymbolicLink() && resolve(join(link, ".."), readlinkSync(link)) === resolve(target)) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    // Not there yet.
  }
  symlinkSync(target, link, "junction");
}

/**
 * Writes the starter as the learner's file. An existing file is first kept as
 * `<name>.ts.<timestamp>.bak` beside it; returns that backup's path.
 */
export function writeStarter(starter: string, target: string, now: Date): string | undefined {
  let backup: string | undefined;
  if (existsSync(target)) {
    backup = `${target}.${now.toISOString().replace(/[:.]/g, "-")}.bak`;
    copyFileSync(target, backup);
  }
  copyFileSync(starter, target);
  return backup;
}
