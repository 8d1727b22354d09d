/**
 * A child process for test/progress-log.test.ts: appends events through the real ProgressStore,
 * as a separate mqtutor process would. Run with `node --import tsx`.
 *
 * Protocol (one line each way):
 * - it prints `ready` once its modules are loaded, then waits for commands on stdin;
 * - a command is JSON `{ "home", "writer", "count", "ackFile"? }`: it appends `count`
 *   reading-position events for lesson `writer`, `line` = 0..count-1, through a new
 *   ProgressStore (so the version check runs as in a fresh process);
 * - it prints `started` after the first append returned;
 * - with `ackFile`, it also writes each event's index to that file after its append returned,
 *   with a synchronous write, so the parent can kill it at any moment and still learn which
 *   appends completed (stdout would not do: Node may queue writes to a pipe in memory, and a
 *   kill -9 loses them);
 * - then it prints `done <count>`, or `error <json>` with the error's name, code and message,
 *   and waits for the next command. It exits when stdin closes.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { ProgressStore } from "../../src/learning/fs-progress-store.js";

/** A command the parent sends. */
export interface AppendCommand {
  home: string;
  writer: string;
  count: number;
  ackFile?: string;
}

function run(command: AppendCommand): void {
  const store = new ProgressStore(command.home);
  const acks = command.ackFile === undefined ? null : openSync(command.ackFile, "a");
  try {
    for (let line = 0; line < command.count; line++) {
      appendOne(store, command, line);
      if (acks !== null) writeSync(acks, `${line}\n`);
      if (line === 0) process.stdout.write("started\n");
    }
  } finally {
    if (acks !== null) closeSync(acks);
  }
}

function appendOne(store: ProgressStore, command: AppendCommand, line: number): void {
  store.append({
    v: 1,
    type: "reading-position",
    at: new Date().toISOString(),
    lesson: command.writer,
    line,
    of: command.count,
  });
}

const input = createInterface({ input: process.stdin });
input.on("line", (text) => {
  const command = JSON.parse(text) as AppendCommand;
  try {
    run(command);
    process.stdout.write(`done ${command.count}\n`);
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    process.stdout.write(`error ${JSON.stringify({ name: e.name, code: e.code, message: e.message })}\n`);
  }
});
process.stdout.write("ready\n");
