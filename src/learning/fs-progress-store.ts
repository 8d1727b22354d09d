/**
 * The progress log on disk: `<home>/progress.jsonl`, append-only. The only module of
 * src/learning that touches the file system.
 *
 * Guarantees, and why they hold:
 * - Each append is one `write` of one whole line on a descriptor opened with O_APPEND, so the
 *   kernel places it at the end of the file as a unit: two processes appending at once
 *   interleave whole lines and lose none, and a kill -9 loses at most the line being written.
 * - The file is never rewritten, truncated or renamed; a damaged line stays where it is and is
 *   reported by {@link parseLog} on every load (the CLI shows the warning and goes on).
 * - A torn last line (an earlier process killed mid-write) is never glued to a new event: if
 *   the file does not end in a newline, the next append writes `"\n" + line` in that same
 *   single write. (Two appenders that both see the torn tail each add a newline; the blank
 *   line that can result is ignored by the parser.)
 * - A log written by a newer mqtutor is neither used nor written: {@link ProgressStore.load}
 *   throws, and the first {@link ProgressStore.append} of a store that has not loaded reads
 *   the log once and throws too. The check is once per store instance (per process, in
 *   practice), so a newer mqtutor that writes to the log while this one runs is not noticed
 *   until the next start.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import envPaths from "env-paths";
import { DataError } from "../errors.js";
import { parseLog, serializeEvent, type ProgressEvent } from "./progress-events.js";
import { projectProgress, type ProgressState } from "./progress-state.js";

/** The log's file name inside the home directory. */
export const PROGRESS_FILE_NAME = "progress.jsonl";

/** What {@link ProgressStore.load} returns. */
export interface LoadedProgress {
  /** The projection of `events`. */
  state: ProgressState;
  /** Every valid event, in file order. */
  events: ProgressEvent[];
  /** One message per skipped line, naming the file and the line; show them, then go on. */
  warnings: string[];
}

/**
 * Where progress lives: `MQTUTOR_HOME` (resolved against the working directory) if set and not
 * empty, otherwise the platform's data directory from env-paths (`~/.local/share/mqtutor` on
 * Linux, honouring `XDG_DATA_HOME` as env-paths reads it from `process.env`).
 */
export function defaultHome(env: NodeJS.ProcessEnv): string {
  const fromEnv = env["MQTUTOR_HOME"];
  if (fromEnv !== undefined && fromEnv !== "") return resolve(fromEnv);
  return envPaths("mqtutor", { suffix: "" }).data;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}

/** The append-only progress log of one home directory. */
export class ProgressStore {
  /** The home directory, as given. */
  readonly home: string;
  /** `<home>/progress.jsonl`. */
  readonly file: string;
  // Set once this instance has seen the whole log and found nothing newer than it can read.
  private versionChecked = false;

  constructor(home: string) {
    this.home = home;
    this.file = join(home, PROGRESS_FILE_NAME);
  }

  /**
   * Reads and projects the whole log. A missing file is an empty log. Never writes.
   *
   * @throws DataError `PROGRESS_TOO_NEW` if a line was written by a newer mqtutor;
   *   `PROGRESS_UNREADABLE` if the file exists but cannot be read.
   */
  load(): LoadedProgress {
    const { events, warnings } = parseLog(this.readText(), this.file);
    this.versionChecked = true;
    return { state: projectProgress(events), events, warnings };
  }

  /**
   * Appends one event as one line with a single O_APPEND write, creating the home directory
   * and the file if needed.
   *
   * @throws TypeError / RangeError if the event is invalid or too long (nothing is written).
   * @throws DataError `PROGRESS_TOO_NEW` (on the first append of a store that has not loaded)
   *   if the log belongs to a newer mqtutor; `PROGRESS_UNWRITABLE` if the write fails.
   */
  append(event: ProgressEvent): void {
    const line = serializeEvent(event);
    if (!this.versionChecked) {
      parseLog(this.readText(), this.file);
      this.versionChecked = true;
    }
    let fd: number;
    try {
      mkdirSync(this.home, { recursive: true });
      // "a+" is O_APPEND | O_CREAT | O_RDWR: every write goes to the end, and the last byte can be read.
      fd = openSync(this.file, "a+", 0o644);
    } catch (error) {
      throw this.unwritable(error);
    }
    try {
      const buffer = Buffer.from(this.endsTorn(fd) ? "\n" + line : line, "utf8");
      const written = writeSync(fd, buffer);
      if (written !== buffer.length) {
        // Retrying would be a second write that another process could split: report it instead.
        throw new DataError(
          this.file,
          `only ${written} of ${buffer.length} bytes of a progress event could be written (is the disk full?).\n` +
            `Free some space; the damaged line will be reported and skipped.`,
          "PROGRESS_UNWRITABLE",
        );
      }
    } catch (error) {
      throw error instanceof DataError ? error : this.unwritable(error);
    } finally {
      closeSync(fd);
    }
  }

  private endsTorn(fd: number): boolean {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  }

  private readText(): string {
    try {
      return readFileSync(this.file, "utf8");
    } catch (error) {
      if (errorCode(error) === "ENOENT") return "";
      throw new DataError(
        this.file,
        `could not be read (${errorCode(error)}).\nCheck that it is a file you can read, or point --home elsewhere.`,
        "PROGRESS_UNREADABLE",
      );
    }
  }

  private unwritable(error: unknown): DataError {
    return new DataError(
      this.file,
      `could not be written (${errorCode(error)}).\nCheck that the directory exists and is writable, or point --home elsewhere.`,
      "PROGRESS_UNWRITABLE",
    );
  }
}
