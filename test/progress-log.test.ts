/**
 * The progress log under real processes: kill -9 mid-append, two writers racing, a corrupted
 * line, a log from a newer mqtutor. Children run test/helpers/progress-appender.ts.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../src/errors.js";
import { ProgressStore } from "../src/learning/fs-progress-store.js";
import { serializeEvent, type ProgressEvent } from "../src/learning/progress-events.js";
import { AppenderPool, type AppenderChild } from "./helpers/appender-child.js";

const KILLS = 20;
const RACE_EVENTS = 2_000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const linesOf = (events: ProgressEvent[], writer: string) =>
  events.flatMap((e) => (e.type === "reading-position" && e.lesson === writer ? [e.line] : []));

let root: string;
let pool: AppenderPool;
// The two race writers, kept alive for the later tests so that no more children start.
let a: AppenderChild;
let b: AppenderChild;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "mqtutor-progress-log-"));
  pool = new AppenderPool(3, KILLS + 2);
});

afterAll(async () => {
  await pool?.close();
  rmSync(root, { recursive: true, force: true });
});

function home(name: string): { home: string; file: string } {
  const dir = join(root, name);
  return { home: dir, file: join(dir, "progress.jsonl") };
}

describe("progress log with real processes", () => {
  it("two writers appending 2,000 events each at once lose nothing and keep their own order", async () => {
    [a, b] = await Promise.all([pool.take(), pool.take()]);
    const { home: dir, file } = home("race");
    const done = await Promise.all([
      a.run({ home: dir, writer: "writer-a", count: RACE_EVENTS }),
      b.run({ home: dir, writer: "writer-b", count: RACE_EVENTS }),
    ]);
    expect(done).toEqual([`done ${RACE_EVENTS}`, `done ${RACE_EVENTS}`]);

    const { events, warnings } = new ProgressStore(dir).load();
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(2 * RACE_EVENTS);
    expect(linesOf(events, "writer-a")).toEqual(range(RACE_EVENTS));
    expect(linesOf(events, "writer-b")).toEqual(range(RACE_EVENTS));
    // Whole lines only, nothing glued. A few blank lines may appear: an appender that reads the
    // last byte while the other's write is landing adds a needless "\n" (see fs-progress-store.ts).
    const nonBlank = readFileSync(file, "utf8").split("\n").filter((l) => l !== "");
    expect(nonBlank).toHaveLength(2 * RACE_EVENTS);
    // The writers did run at the same time (otherwise this test proves nothing about races).
    const lessonOf = (e: ProgressEvent) => ("lesson" in e ? e.lesson : null);
    const switches = events.filter((e, i) => i > 0 && lessonOf(e) !== lessonOf(events[i - 1]!)).length;
    expect(switches).toBeGreaterThan(0);
  }, 30_000);

  it(`loses at most the event being written when kill -9 strikes, ${KILLS} times in a row`, async () => {
    const { home: dir, file } = home("kill");
    const runs: Array<{ writer: string; acked: number }> = [];
    const fragments: string[] = [];
    for (let r = 0; r < KILLS; r++) {
      if (r % 5 === 4) {
        // As if an earlier writer had been killed inside its write: the next append must not glue to it.
        const fragment = serializeEvent({ v: 1, type: "lesson-finished", at: new Date().toISOString(), lesson: `torn-${r}` }).slice(0, 30);
        appendFileSync(file, fragment);
        fragments.push(fragment);
      }
      const child = await pool.take();
      const writer = `kill-${String(r).padStart(2, "0")}`;
      const ackFile = join(root, `${writer}.acks`);
      const from = child.send({ home: dir, writer, count: 1_000_000, ackFile });
      await child.waitForLine((l) => l === "started", from);
      await sleep(Math.floor(Math.random() * 15));
      child.process.kill("SIGKILL");
      expect((await child.closed).signal).toBe("SIGKILL");
      runs.push({ writer, acked: readFileSync(ackFile, "utf8").split("\n").filter((l) => l !== "").length });
    }

    const store = new ProgressStore(dir);
    const { events, warnings } = store.load();
    let total = 0;
    for (const { writer, acked } of runs) {
      const lines = linesOf(events, writer);
      // Every acknowledged append survived, in order, plus at most the one cut off before its ack.
      expect(lines, writer).toEqual(range(lines.length));
      expect(lines.length, writer).toBeGreaterThanOrEqual(acked);
      expect(lines.length, writer).toBeLessThanOrEqual(acked + 1);
      total += lines.length;
    }
    expect(events).toHaveLength(total);

    const nonBlank = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
    expect(events.length + warnings.length).toBe(nonBlank.length);
    const unparsable = nonBlank.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    // Each injected fragment is its own skipped line; real kills add at most one each.
    for (const f of fragments) expect(unparsable).toContain(f);
    expect(unparsable.length).toBeLessThanOrEqual(fragments.length + KILLS);
    expect(warnings).toHaveLength(unparsable.length);

    // Whatever the last kill left behind, the next append lands whole.
    const last: ProgressEvent = { v: 1, type: "lesson-finished", at: new Date().toISOString(), lesson: "after-kills" };
    store.append(last);
    const after = store.load();
    expect(after.events.at(-1)).toEqual(last);
    expect(after.warnings).toEqual(warnings);
  }, 60_000);

  it("skips a corrupted line in the middle with a warning naming it, and keeps the rest", async () => {
    const { home: dir, file } = home("corrupt");
    expect(await a.run({ home: dir, writer: "before", count: 10 })).toBe("done 10");
    const lines = readFileSync(file, "utf8").split("\n");
    lines[4] = lines[4]!.slice(0, 17) + "\u0000#garbage";
    writeFileSync(file, lines.join("\n"));
    expect(await b.run({ home: dir, writer: "after", count: 5 })).toBe("done 5");

    const { events, warnings } = new ProgressStore(dir).load();
    expect(warnings).toEqual([`${file} line 5 is not valid JSON and was skipped; the rest of your progress is intact`]);
    expect(linesOf(events, "before")).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(linesOf(events, "after")).toEqual(range(5));
  });

  it("refuses a log from a newer mqtutor: DataError naming the file, bytes unchanged by load and append", async () => {
    const { home: dir, file } = home("newer");
    expect(await a.run({ home: dir, writer: "x", count: 3 })).toBe("done 3");
    // No final newline: an append that wrote anything, even its torn-line guard, would show.
    appendFileSync(file, JSON.stringify({ v: 2, type: "lesson-opened", at: "2030-01-01T00:00:00Z", lesson: "x", mood: "new" }));
    const bytes = readFileSync(file);

    let loadError: unknown;
    try {
      new ProgressStore(dir).load();
    } catch (error) {
      loadError = error;
    }
    expect(loadError).toBeInstanceOf(DataError);
    expect(loadError).toMatchObject({ code: "PROGRESS_TOO_NEW", file, exitCode: 3 });
    expect((loadError as DataError).message).toContain(`${file}: line 4 was written by a newer mqtutor`);
    expect(readFileSync(file)).toEqual(bytes);

    const reply = await b.run({ home: dir, writer: "y", count: 1 });
    expect(reply).toMatch(/^error /);
    expect(JSON.parse(reply.slice("error ".length))).toMatchObject({ name: "DataError", code: "PROGRESS_TOO_NEW" });
    expect(JSON.parse(reply.slice("error ".length)).message).toContain(file);
    expect(readFileSync(file)).toEqual(bytes);
  });
});
