/** A playground for tests: output captured, console included, disposed by the caller. */
import { Console } from "node:console";
import { Writable } from "node:stream";
import { type Playground, createPlayground } from "./session.js";

export interface TestPlayground extends Playground {
  /** Everything printed so far (helpers, the learner's console.log, `write`), then cleared. */
  take(): string;
  /** Adds to the same output, in order (for an adapter's own printing). */
  write(text: string): void;
}

export function testPlayground(options: { width?: number; ascii?: boolean } = {}): TestPlayground {
  let out = "";
  // Written synchronously, so output is there as soon as the input has run.
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const pg = createPlayground({
    print: (l) => (out += `${l}\n`),
    width: () => options.width ?? 80,
    ascii: options.ascii ?? false,
    console: new Console(sink, sink),
  });
  return {
    ...pg,
    write: (text) => (out += text),
    take() {
      const s = out;
      out = "";
      return s;
    },
  };
}

/** Runs one input and returns its value, or throws what it threw (an incomplete input too). */
export async function run(pg: Playground, code: string): Promise<unknown> {
  const o = await pg.evaluate(code);
  if (o.kind === "error") throw o.error;
  if (o.kind === "incomplete") throw new Error(`incomplete input: ${code}`);
  return o.value;
}
