import { appendFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import envPaths from "env-paths";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataError } from "../errors.js";
import { defaultHome, PROGRESS_FILE_NAME, ProgressStore } from "./fs-progress-store.js";
import { serializeEvent, type ProgressEvent } from "./progress-events.js";

const AT = "2025-03-01T10:00:00.000Z";
const opened = (lesson: string): ProgressEvent => ({ v: 1, type: "lesson-opened", at: AT, lesson });
const finished = (lesson: string): ProgressEvent => ({ v: 1, type: "lesson-finished", at: AT, lesson });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mqtutor-store-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function caught(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error("expected a DataError");
}

describe("ProgressStore", () => {
  it("keeps its log at <home>/progress.jsonl", () => {
    expect(new ProgressStore("/x/y").file).toBe(join("/x/y", "progress.jsonl"));
    expect(PROGRESS_FILE_NAME).toBe("progress.jsonl");
  });

  it("loads a missing log as empty and does not create anything", () => {
    const home = join(dir, "not-yet");
    const loaded = new ProgressStore(home).load();
    expect(loaded).toEqual({ state: { lessons: {}, answers: {}, exercises: {} }, events: [], warnings: [] });
    expect(existsSync(home)).toBe(false);
  });

  it("creates the home directory on the first append and writes exactly one line per event", () => {
    const home = join(dir, "a", "b");
    const store = new ProgressStore(home);
    store.append(opened("x"));
    store.append(finished("x"));
    expect(readFileSync(store.file, "utf8")).toBe(serializeEvent(opened("x")) + serializeEvent(finished("x")));
    const loaded = new ProgressStore(home).load();
    expect(loaded.events).toEqual([opened("x"), finished("x")]);
    expect(loaded.state.lessons["x"]).toEqual({ opened: true, read: true, position: null, lastOpenedAt: AT });
    expect(loaded.warnings).toEqual([]);
  });

  it("never glues a new event to a torn last line: it writes the newline first, in the same write", () => {
    const store = new ProgressStore(dir);
    store.append(opened("x"));
    const fragment = serializeEvent(finished("x")).slice(0, 25);
    appendFileSync(store.file, fragment);
    const before = readFileSync(store.file, "utf8");

    store.append(opened("y"));

    expect(readFileSync(store.file, "utf8")).toBe(before + "\n" + serializeEvent(opened("y")));
    const loaded = store.load();
    expect(loaded.events).toEqual([opened("x"), opened("y")]);
    expect(loaded.warnings).toEqual([`${store.file} line 2 is not valid JSON and was skipped; the rest of your progress is intact`]);
  });

  it("reports a corrupted line in the middle by number and keeps the others", () => {
    const store = new ProgressStore(dir);
    for (const l of ["a", "b", "c", "d"]) store.append(opened(l));
    const lines = readFileSync(store.file, "utf8").split("\n");
    lines[2] = "\u0000\u0000garbage";
    writeFileSync(store.file, lines.join("\n"));
    const { events, warnings } = store.load();
    expect(events.map((e) => ("lesson" in e ? e.lesson : null))).toEqual(["a", "b", "d"]);
    expect(warnings).toEqual([`${store.file} line 3 is not valid JSON and was skipped; the rest of your progress is intact`]);
  });

  describe("with a log from a newer mqtutor", () => {
    const newer = JSON.stringify({ v: 2, type: "lesson-opened", at: AT, lesson: "z", extra: true }) + "\n";
    let bytes: Buffer;
    beforeEach(() => {
      writeFileSync(join(dir, PROGRESS_FILE_NAME), serializeEvent(opened("a")) + newer);
      bytes = readFileSync(join(dir, PROGRESS_FILE_NAME));
    });

    it("load throws PROGRESS_TOO_NEW naming the file and leaves the bytes alone", () => {
      const store = new ProgressStore(dir);
      const error = caught(() => store.load());
      expect(error.code).toBe("PROGRESS_TOO_NEW");
      expect(error.file).toBe(store.file);
      expect(error.message).toContain(store.file);
      expect(readFileSync(store.file)).toEqual(bytes);
    });

    it("the first append of a fresh store refuses to write", () => {
      const store = new ProgressStore(dir);
      expect(caught(() => store.append(opened("b"))).code).toBe("PROGRESS_TOO_NEW");
      expect(caught(() => store.append(opened("b"))).code).toBe("PROGRESS_TOO_NEW");
      expect(readFileSync(store.file)).toEqual(bytes);
    });

    it("a store whose load failed still refuses to write", () => {
      const store = new ProgressStore(dir);
      caught(() => store.load());
      expect(caught(() => store.append(opened("b"))).code).toBe("PROGRESS_TOO_NEW");
      expect(readFileSync(store.file)).toEqual(bytes);
    });
  });

  it("checks the version once per store: after a clean load it appends without rereading", () => {
    const store = new ProgressStore(dir);
    store.append(opened("a"));
    store.load();
    // A newer mqtutor writes meanwhile; this process does not notice until it starts again.
    appendFileSync(store.file, JSON.stringify({ v: 2, type: "x" }) + "\n");
    store.append(opened("b"));
    expect(caught(() => new ProgressStore(dir).load()).code).toBe("PROGRESS_TOO_NEW");
  });

  it("refuses an invalid event before touching the disk", () => {
    const store = new ProgressStore(join(dir, "h"));
    expect(() => store.append({ ...opened("a"), at: "soon" })).toThrow(TypeError);
    expect(existsSync(store.home)).toBe(false);
  });

  it("turns a log that cannot be read into PROGRESS_UNREADABLE", () => {
    const store = new ProgressStore(dir);
    mkdirSync(store.file);
    expect(caught(() => store.load()).code).toBe("PROGRESS_UNREADABLE");
    expect(caught(() => store.append(opened("a"))).code).toBe("PROGRESS_UNREADABLE");
  });

  it("turns a log that cannot be created into PROGRESS_UNWRITABLE", () => {
    // A dangling link reads as a missing file, but open(O_CREAT) cannot follow it; this works
    // as root too, where permission bits would not stop the write.
    const store = new ProgressStore(dir);
    symlinkSync(join(dir, "missing", "target"), store.file);
    expect(store.load().events).toEqual([]);
    const error = caught(() => store.append(opened("a")));
    expect(error.code).toBe("PROGRESS_UNWRITABLE");
    expect(error.message.startsWith(`${store.file}: could not be written (ENOENT).\n`)).toBe(true);
  });

  it("turns a home that is a file into a DataError naming the log", () => {
    const home = join(dir, "file");
    writeFileSync(home, "");
    const store = new ProgressStore(home);
    const read = caught(() => store.load());
    expect(read.code).toBe("PROGRESS_UNREADABLE");
    expect(read.message).toContain(store.file);
    expect(caught(() => store.append(opened("a"))).code).toBe("PROGRESS_UNREADABLE");
  });
});

describe("defaultHome", () => {
  it("uses MQTUTOR_HOME, resolved to an absolute path", () => {
    expect(defaultHome({ MQTUTOR_HOME: "/tmp/mq" })).toBe("/tmp/mq");
    expect(defaultHome({ MQTUTOR_HOME: "rel/dir" })).toBe(resolve("rel/dir"));
  });

  it("falls back to the platform data directory when MQTUTOR_HOME is unset or empty", () => {
    const platform = envPaths("mqtutor", { suffix: "" }).data;
    expect(defaultHome({})).toBe(platform);
    expect(defaultHome({ MQTUTOR_HOME: "" })).toBe(platform);
    expect(platform.endsWith("mqtutor")).toBe(true);
  });
});
