/**
 * The playground's world: a live broker on a ManualClock (`createBroker()`: queues, exchanges,
 * log, one clock, one trace), the shortcuts, every export of mqtutor/broker, and the commands
 * (`.draw`, `.help`). It puts its names in the global scope, where the evaluator runs the
 * learner's input; nothing here reads a terminal, so tests drive it directly.
 */
import { createRequire } from "node:module";
import * as broker from "../broker/index.js";
import { type BrokerFamilies, brokerPictures, drawPictures } from "../ui/pictures/broker-pictures.js";
import { textWidth, wrapWords } from "../ui/pictures/layout.js";
import { glyphs } from "../ui/pictures/glyphs.js";
import { type Evaluate, createEvaluator } from "./evaluate.js";
import { type Helpers, type PlaygroundBrokers, createHelpers } from "./helpers.js";
import { helpLines } from "./help.js";
import { RUNTIME } from "./transpile.js";

export interface PlaygroundOptions {
  /** Prints one line of the helpers' output (events, draw). */
  print(line: string): void;
  /** Columns for pictures and help, read at each use (a terminal may be resized). */
  width(): number;
  /** Draw pictures in ASCII. */
  ascii: boolean;
  /** The console the learner's code logs to. @default the process console */
  console?: Console;
  /** Let Ctrl+C stop a runaway input. @default false */
  breakOnSigint?: boolean;
  /** Where `import x from "pkg"` resolves from. @default the working directory */
  cwd?: string;
}

export interface Playground {
  evaluate: Evaluate;
  /** The live broker (a new one after `reset()`). */
  brokers(): PlaygroundBrokers;
  helpers: Helpers;
  /** `.draw [name]` or `.draw <variable> [name]`: the picture lines, or what to do instead. */
  draw(args: string): string[];
  /** `.help`. */
  help(): string[];
  /** Removes the playground's names from the global scope (restoring what was there). */
  dispose(): void;
}

/** Run-time names of mqtutor/broker (classes, functions, constants). */
export const BROKER_EXPORTS: ReadonlySet<string> = new Set(Object.keys(broker));

function fresh(): PlaygroundBrokers {
  const clock = new broker.ManualClock();
  const brokers = broker.createBroker({ clock, seed: 1 });
  return { ...brokers, clock, producer: brokers.log.producer({ clientId: "playground" }) };
}

const isFamily = (v: unknown) => v instanceof broker.QueueBroker || v instanceof broker.ExchangeBroker || v instanceof broker.LogBroker;

/** A value the learner made that `.draw <variable>` can draw: one family, or `createBroker()`'s result. */
function familiesOf(v: unknown): BrokerFamilies | null {
  if (v instanceof broker.QueueBroker) return { queues: v };
  if (v instanceof broker.ExchangeBroker) return { exchanges: v };
  if (v instanceof broker.LogBroker) return { log: v };
  if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    if ([o.queues, o.exchanges, o.log].some(isFamily)) {
      return {
        ...(o.queues instanceof broker.QueueBroker ? { queues: o.queues } : {}),
        ...(o.exchanges instanceof broker.ExchangeBroker ? { exchanges: o.exchanges } : {}),
        ...(o.log instanceof broker.LogBroker ? { log: o.log } : {}),
      };
    }
  }
  return null;
}

export function createPlayground(options: PlaygroundOptions): Playground {
  let current = fresh();
  const g = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  // Writable and configurable, so the learner's own `var clock` or `function send` replaces ours.
  const put = (name: string, value: unknown) => {
    if (!saved.has(name)) saved.set(name, Object.getOwnPropertyDescriptor(g, name));
    Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  };
  const putBrokers = () => {
    for (const name of ["clock", "trace", "queues", "exchanges", "log", "producer"] as const) put(name, current[name]);
  };

  const draw = (args: string): string[] => {
    const width = options.width();
    const words = args.trim().split(/\s+/).filter((w) => w !== "");
    const own = words.length > 0 ? familiesOf(g[words[0]!]) : null;
    if (words.length > 2 || (words.length === 2 && own === null)) {
      return fold([`Write .draw, .draw <name>, or .draw <variable> [name] for a broker of your own ("${words[0]}" is not one).`], width);
    }
    const families = own ?? current;
    const name = own ? words[1] : words[0];
    const pictures = brokerPictures(families, name);
    if (pictures.length > 0) return drawPictures(pictures, { width, ascii: options.ascii });
    return fold(nothingToDraw(families, name, own !== null), width);
  };

  // Lines that fit stay as written (aligned columns); longer ones wrap under their indent.
  const fold = (lines: string[], width: number) =>
    lines.flatMap((l) => {
      if (textWidth(l) <= width) return [l];
      const indent = /^\s*/.exec(l)![0];
      return wrapWords(l.trim(), width, indent, `${indent}  `, glyphs(options.ascii));
    });

  const helpers = createHelpers({
    brokers: () => current,
    print: options.print,
    draw,
    reset: () => {
      current = fresh();
      putBrokers();
    },
    global: (name) => g[name],
  });

  const requireFrom = createRequire(`${options.cwd ?? process.cwd()}/`);
  for (const name of BROKER_EXPORTS) put(name, (broker as Record<string, unknown>)[name]);
  put(RUNTIME, { broker, require: requireFrom });
  putBrokers();
  for (const [name, value] of Object.entries(helpers)) put(name, value);
  if (options.console) put("console", options.console);

  return {
    evaluate: createEvaluator({ brokerExports: BROKER_EXPORTS, breakOnSigint: options.breakOnSigint ?? false }),
    brokers: () => current,
    helpers,
    draw,
    help: () => fold(helpLines(), options.width()),
    dispose() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(g, name, descriptor);
        else delete g[name];
      }
      saved.clear();
    },
  };
}

function nothingToDraw(families: BrokerFamilies, name: string | undefined, own: boolean): string[] {
  const list = (label: string, names: string[]) => (names.length > 0 ? [`  ${label}: ${names.join(", ")}`] : []);
  const exchanges = families.exchanges?.snapshot().exchanges.filter((x) => x.name !== "" && !x.name.startsWith("amq.")).map((x) => x.name) ?? [];
  const amqpQueues = families.exchanges?.snapshot().queues.map((q) => q.name) ?? [];
  const known = [
    ...list("topics", families.log?.listTopics() ?? []),
    ...list("queues", families.queues?.listQueues() ?? []),
    ...list("exchanges", exchanges),
    ...list("exchange queues", amqpQueues),
  ];
  const whose = own ? "This broker" : "The playground's broker";
  if (known.length === 0) {
    return [`${whose} is empty: create a topic, a queue or an exchange first, e.g. topic("orders", 3). See .help.`];
  }
  return [
    name === undefined ? `${whose} has nothing to draw.` : `Nothing is named "${name}". ${whose} has:`,
    ...known,
    ...(own ? [] : ["To draw a broker of your own, write .draw <variable>, e.g. .draw broker."]),
  ];
}

export type { PlaygroundBrokers };
