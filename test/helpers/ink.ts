/**
 * Our wrapper around Ink's injected streams (ink-testing-library 4 targets Ink 5): fake stdout
 * with a size that can change, fake stdin that can be typed into, frames without ANSI codes.
 */
import { EventEmitter } from "node:events";
import { stripVTControlCharacters } from "node:util";
import { render } from "ink";
import type { ReactElement } from "react";

class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private buffer: string[] = [];
  write(data: string) {
    this.buffer.push(data);
    this.emit("readable");
    this.emit("data", data);
  }
  read() {
    return this.buffer.shift() ?? null;
  }
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export const keys = {
  up: "\u001b[A",
  down: "\u001b[B",
  pageUp: "\u001b[5~",
  pageDown: "\u001b[6~",
  enter: "\r",
  escape: "\u001b",
  ctrlC: "\u0003",
} as const;

const tick = () => new Promise((r) => setTimeout(r, 5));

export function renderInk(element: ReactElement, size: { columns?: number; rows?: number } = {}) {
  const stdout = new FakeStdout(size.columns ?? 80, size.rows ?? 24);
  const stdin = new FakeStdin();
  const instance = render(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let exited = false;
  let result: unknown;
  void instance.waitUntilExit().then((r) => {
    exited = true;
    result = r;
  });
  const lastFrame = () => stripVTControlCharacters(stdout.frames.at(-1) ?? "");
  return {
    stdout,
    lastFrame,
    exited: () => exited,
    /** What the app passed to `exit()`, once it has exited. */
    exitResult: () => result,
    /** Types one key or string, then lets React and Ink settle. */
    async press(input: string) {
      stdin.write(input);
      await tick();
      await tick();
    },
    async resize(columns: number, rows: number) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit("resize");
      await tick();
      await tick();
    },
    /** Waits until the last frame satisfies `predicate`, or fails with the frame it saw. */
    async waitForFrame(predicate: (frame: string) => boolean, timeoutMs = 3000) {
      const start = Date.now();
      while (!predicate(lastFrame())) {
        if (Date.now() - start > timeoutMs) throw new Error(`Frame never matched. Last frame:\n${lastFrame()}`);
        await tick();
      }
      return lastFrame();
    },
    unmount: () => instance.unmount(),
  };
}
