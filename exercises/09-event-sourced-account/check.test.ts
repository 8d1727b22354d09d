import { describe, expect, fail, fc, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { LogBroker, ManualClock, Trace } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { EventStore, ConcurrencyError, execute, startBalances } = await loadSubject<typeof Reference>(
  "EventStore",
  "ConcurrencyError",
  "execute",
  "startBalances",
);

type AccountEvent = Reference.AccountEvent;
type Store = Reference.EventStore<Account, AccountEvent>;
type BalanceRow = Reference.BalanceRow;

/** The account aggregate the checks use: its state and fold. */
interface Account {
  open: boolean;
  balance: number;
}
const INITIAL: Account = { open: false, balance: 0 };
function evolve(s: Account, e: AccountEvent): Account {
  if (e.type === "Opened") return { ...s, open: true };
  if (e.type === "Deposited") return { ...s, balance: s.balance + e.amount };
  return { ...s, balance: s.balance - e.amount };
}
const fold = (events: AccountEvent[]) => events.reduce(evolve, INITIAL);

/** Commands, as decide functions: they return the new events, or none to refuse. */
const open = (s: Account): AccountEvent[] => (s.open ? [] : [{ type: "Opened" }]);
const deposit = (amount: number) => (s: Account): AccountEvent[] => (s.open ? [{ type: "Deposited", amount }] : []);
const withdraw = (amount: number) => (s: Account): AccountEvent[] =>
  s.open && s.balance >= amount ? [{ type: "Withdrawn", amount }] : [];
/** Two events in one append: the deposit and a fee of 1. */
const depositWithFee = (amount: number) => (s: Account): AccountEvent[] =>
  s.open ? [{ type: "Deposited", amount }, { type: "Withdrawn", amount: 1 }] : [];

const SESSION_TIMEOUT_MS = 45_000;
const show = (e: AccountEvent) => (e.type === "Opened" ? "Opened" : `${e.type} ${e.amount}`);

/** A broker with an `accounts` topic, and a store on it whose folds the check counts. */
function bank(snapshotEvery: number, t?: Timeline) {
  const clock = new ManualClock();
  const broker = new LogBroker({ clock, trace: new Trace({ enabled: false }) });
  broker.createTopic("accounts", { partitions: 3, retentionMs: -1 });
  const counter = { folds: 0 };
  const store: Store = new EventStore<Account, AccountEvent>({
    broker,
    topic: "accounts",
    initial: INITIAL,
    evolve: (s, e) => {
      counter.folds++;
      return evolve(s, e);
    },
    snapshotEvery,
  });
  /** Every record on the topic for a stream, in order: its version header and event. */
  const records = (streamId: string) =>
    [0, 1, 2]
      .flatMap((p) => broker.readPartition("accounts", p))
      .filter((r) => String(r.key) === streamId)
      .map((r) => `v${String(r.headers.version)} ${r.value === null ? "null" : show(JSON.parse(String(r.value)) as AccountEvent)}`);
  return { clock, broker, store, counter, records, t };
}

/** A table that logs its writes and can fail once, like a database going down mid-batch. */
class Table extends Map<string, BalanceRow> {
  /** When > 0: the write that brings this to 0 fails. */
  failIn = 0;
  constructor(private readonly t?: Timeline) {
    super();
  }
  override set(key: string, row: BalanceRow): this {
    if (this.failIn > 0 && --this.failIn === 0) {
      this.t?.log(`  the balances table fails writing ${key} v${row.version}: the projection dies`);
      throw new Error("the balances table is down (a check's fault)");
    }
    this.t?.log(`  balances: ${key} = ${row.balance} (v${row.version})`);
    return super.set(key, row);
  }
}

/** What the balances table must hold: the fold of each stream, at its version. */
function expectedRows(store: Store, ids: string[]) {
  return Object.fromEntries(
    ids.filter((id) => store.version(id) > 0).map((id) => [id, { balance: fold(store.read(id)).balance, version: store.version(id) }]),
  );
}
const rowsOf = (table: Map<string, BalanceRow>) =>
  Object.fromEntries([...table].sort(([a], [b]) => a.localeCompare(b)).map(([k, r]) => [k, { balance: r.balance, version: r.version }]));

type Projection = ReturnType<typeof startBalances>;

/**
 * Catches up; a throw is a dead process: the group drops it after its session timeout, and
 * a new projection starts in the same group, on the same table. Returns the one that finished.
 */
function catchUpWithRestarts(w: ReturnType<typeof bank>, groupId: string, table: Table, p?: Projection): Projection {
  let current = p ?? startBalances({ broker: w.broker, topic: "accounts", groupId, table });
  for (let restarts = 0; ; restarts++) {
    try {
      current.catchUp();
      return current;
    } catch (err) {
      if (restarts >= 4) throw err;
      w.t?.log(`  the projection died (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
      try {
        w.broker.faults.crashConsumer(current.consumer);
      } catch {
        // already crashed by an injected fault
      }
      w.clock.advance(SESSION_TIMEOUT_MS);
      w.t?.log(`  ${SESSION_TIMEOUT_MS / 1000} s later the group has dropped it; a new projection starts in ${groupId}`);
      current = startBalances({ broker: w.broker, topic: "accounts", groupId, table });
    }
  }
}

const ACCOUNTS = ["acct-a", "acct-b"];

type Kind = "deposit" | "withdraw" | "deposit with fee";
interface Command {
  account: number;
  kind: Kind;
  amount: number;
  /** Another writer runs this command between this one's load and its append. */
  racer?: { kind: Kind; amount: number };
}
const decideOf = (c: { kind: Kind; amount: number }) =>
  c.kind === "deposit" ? deposit(c.amount) : c.kind === "withdraw" ? withdraw(c.amount) : depositWithFee(c.amount);
const kind = fc.constantFrom<Kind>("deposit", "withdraw", "deposit with fee");

const command: fc.Arbitrary<Command> = fc.record(
  {
    account: fc.constantFrom(0, 1),
    kind,
    amount: fc.constantFrom(10, 20, 40, 50),
    racer: fc.record({ kind, amount: fc.constantFrom(10, 40) }),
  },
  { requiredKeys: ["account", "kind", "amount"] },
);
const describeCommand = (c: Command) =>
  `${ACCOUNTS[c.account]} ${c.kind} ${c.amount}${c.racer ? ` (while another writer does ${c.racer.kind} ${c.racer.amount})` : ""}`;

/**
 * Runs commands through `execute`; a racer runs inside the first call of `decide`, after the
 * load and before the append, as a second writer would. Returns the events that were appended
 * per stream, in the order the appends happened, and the snapshot each append should leave.
 */
function runCommands(w: ReturnType<typeof bank>, commands: Command[], every: number) {
  const appended = new Map<string, AccountEvent[]>(ACCOUNTS.map((a) => [a, []]));
  const expectedSnapshot = new Map<string, number | undefined>();
  const note = (id: string, result: { version: number; events: AccountEvent[] }, who: string) => {
    if (result.events.length === 0) {
      w.t?.log(`  ${who}: refused (no event)`);
      return;
    }
    appended.get(id)!.push(...result.events);
    const before = result.version - result.events.length;
    if (Math.floor(result.version / every) > Math.floor(before / every)) expectedSnapshot.set(id, result.version);
    w.t?.log(`  ${who}: appended ${result.events.map(show).join(", ")} → v${result.version}`);
  };
  for (const id of ACCOUNTS) note(id, execute(w.store, id, open), `${id} open`);
  for (const c of commands) {
    const id = ACCOUNTS[c.account]!;
    w.t?.log(describeCommand(c));
    let raced = false;
    const result = execute(w.store, id, (s) => {
      if (c.racer && !raced) {
        raced = true;
        w.t?.log(`  writer 1 loaded ${id} (balance ${s.balance}); writer 2 gets in first`);
        note(id, execute(w.store, id, decideOf(c.racer)), `writer 2 ${c.racer.kind} ${c.racer.amount}`);
      }
      return decideOf(c)(s);
    });
    note(id, result, c.racer ? `writer 1 ${c.kind} ${c.amount}` : `${c.kind} ${c.amount}`);
  }
  return { appended, expectedSnapshot };
}

describe("event-sourced account", () => {
  it("appends events and reads a stream back, numbered from version 1", () => {
    const { store } = bank(100);
    expect(store.version("acct-1"), "version of a stream with no events").toBe(0);
    expect(store.read("acct-1"), "events of a stream with no events").toEqual([]);
    const v = store.append("acct-1", 0, [{ type: "Opened" }, { type: "Deposited", amount: 50 }]);
    expect(v, "version returned by the first append (two events)").toBe(2);
    store.append("acct-1", 2, [{ type: "Withdrawn", amount: 20 }]);
    expect(store.read("acct-1").map(show), "events of acct-1").toEqual(["Opened", "Deposited 50", "Withdrawn 20"]);
    expect(store.read("acct-1", 2).map(show), "events of acct-1 from version 2").toEqual(["Deposited 50", "Withdrawn 20"]);
    expect(store.load("acct-1"), "load of acct-1").toEqual({ version: 3, state: { open: true, balance: 30 } });
  });

  it("publishes each appended event to the topic, keyed by its stream, with its version in a header", () => {
    const w = bank(100);
    w.store.append("acct-1", 0, [{ type: "Opened" }, { type: "Deposited", amount: 50 }]);
    w.store.append("acct-2", 0, [{ type: "Opened" }]);
    w.store.append("acct-1", 2, [{ type: "Withdrawn", amount: 20 }]);
    expect(w.records("acct-1"), "records of acct-1 on the topic").toEqual(["v1 Opened", "v2 Deposited 50", "v3 Withdrawn 20"]);
    expect(w.records("acct-2"), "records of acct-2 on the topic").toEqual(["v1 Opened"]);
  });

  it("refuses an append whose expected version is stale, and writes nothing", () => {
    const w = bank(100);
    w.store.append("acct-1", 0, [{ type: "Opened" }, { type: "Deposited", amount: 50 }]);
    const first = w.store.load("acct-1");
    const second = w.store.load("acct-1");
    w.store.append("acct-1", first.version, [{ type: "Withdrawn", amount: 40 }]);
    let thrown: unknown;
    try {
      w.store.append("acct-1", second.version, [{ type: "Withdrawn", amount: 40 }]);
    } catch (err) {
      thrown = err;
    }
    if (!(thrown instanceof ConcurrencyError)) {
      fail("Two writers loaded acct-1 at version 2; the second append, still expecting version 2, must throw ConcurrencyError.", {
        expected: "ConcurrencyError",
        actual: thrown === undefined ? "the append succeeded" : thrown,
      });
    }
    expect(w.store.read("acct-1").map(show), "events of acct-1 after the refused append").toEqual([
      "Opened",
      "Deposited 50",
      "Withdrawn 40",
    ]);
    expect(w.records("acct-1"), "records of acct-1 on the topic after the refused append").toEqual([
      "v1 Opened",
      "v2 Deposited 50",
      "v3 Withdrawn 40",
    ]);
  });

  it("execute loads again and decides again after a conflict: no update is lost", () => {
    const w = bank(100);
    execute(w.store, "acct-1", open);
    execute(w.store, "acct-1", deposit(50));
    let calls = 0;
    const result = execute(w.store, "acct-1", (s) => {
      if (++calls === 1) execute(w.store, "acct-1", withdraw(40)); // another writer, between load and append
      return withdraw(40)(s);
    });
    expect(calls, "times execute called decide (once, then again after the conflict)").toBe(2);
    expect(result.events, "events of the second withdrawal of 40 (the balance is 10 by then)").toEqual([]);
    expect(w.store.load("acct-1").state.balance, "balance of acct-1").toBe(10);
  });

  it("takes a snapshot each time an append reaches a multiple of snapshotEvery, equal to the replay up to it", () => {
    const w = bank(3);
    execute(w.store, "acct-1", open);
    for (const amount of [10, 20]) execute(w.store, "acct-1", deposit(amount));
    expect(w.store.snapshot("acct-1"), "snapshot of acct-1 at version 3").toEqual({ version: 3, state: { open: true, balance: 30 } });
    for (const amount of [1, 2, 3, 4]) execute(w.store, "acct-1", deposit(amount));
    expect(w.store.snapshot("acct-1"), "snapshot of acct-1 at version 7 (taken at 6)").toEqual({ version: 6, state: { open: true, balance: 36 } });
    w.store.append("acct-1", 7, [5, 6, 7].map((amount): AccountEvent => ({ type: "Deposited", amount })));
    expect(w.store.snapshot("acct-1"), "snapshot of acct-1 after one append of three events, from v7 to v10").toEqual({
      version: 10,
      state: { open: true, balance: 58 },
    });
  });

  it("loads from the latest snapshot, folding only the events after it", () => {
    const w = bank(5);
    execute(w.store, "acct-1", open);
    for (let i = 1; i <= 11; i++) execute(w.store, "acct-1", deposit(i));
    w.counter.folds = 0;
    const loaded = w.store.load("acct-1");
    expect(loaded, "load of acct-1 (12 events, snapshot at 10)").toEqual({ version: 12, state: { open: true, balance: 66 } });
    expect(w.counter.folds, "events folded by that load (only those after the snapshot)").toBe(2);
  });

  it("the balances projection applies every event once and commits its position", () => {
    const w = bank(100);
    runCommands(w, [{ account: 0, kind: "deposit", amount: 50 }, { account: 1, kind: "deposit", amount: 20 }, { account: 0, kind: "withdraw", amount: 10 }], 100);
    const table = new Table();
    startBalances({ broker: w.broker, topic: "accounts", groupId: "balances", table }).catchUp();
    expect(rowsOf(table), "rows of the balances table").toEqual(expectedRows(w.store, ACCOUNTS));
    const lag = [0, 1, 2].map((p) => w.broker.lag("balances", "accounts", p) ?? "nothing committed");
    expect(lag, "lag of group balances per partition (0 once its position is committed)").toEqual([0, 0, 0]);
  });

  it("a projection that crashes before its commit applies nothing twice when it restarts", () => {
    const w = bank(100);
    runCommands(w, [{ account: 0, kind: "deposit", amount: 50 }, { account: 1, kind: "deposit", amount: 20 }], 100);
    const table = new Table();
    const first = startBalances({ broker: w.broker, topic: "accounts", groupId: "balances", table });
    w.broker.faults.crashBeforeNextCommit(first.consumer);
    catchUpWithRestarts(w, "balances", table, first);
    expect(rowsOf(table), "rows of the balances table after the crash and restart").toEqual(expectedRows(w.store, ACCOUNTS));
  });

  it("a projection that dies mid-batch resumes where it stopped: no event is lost", () => {
    const w = bank(100);
    runCommands(w, [1, 2, 3].map((i): Command => ({ account: i % 2, kind: "deposit", amount: 10 * i })), 100);
    const table = new Table();
    table.failIn = 3; // the third write fails
    catchUpWithRestarts(w, "balances", table);
    expect(rowsOf(table), "rows of the balances table after the failure and restart").toEqual(expectedRows(w.store, ACCOUNTS));
  });

  it("rebuilds the read model from the log in a new group", () => {
    const w = bank(100);
    runCommands(w, [{ account: 0, kind: "deposit", amount: 50 }, { account: 1, kind: "deposit", amount: 20 }], 100);
    const live = new Table();
    const p = startBalances({ broker: w.broker, topic: "accounts", groupId: "balances", table: live });
    p.catchUp();
    runCommands(w, [{ account: 0, kind: "withdraw", amount: 30 }], 100);
    p.catchUp();
    const rebuilt = new Table();
    startBalances({ broker: w.broker, topic: "accounts", groupId: "balances-rebuild", table: rebuilt }).catchUp();
    expect(rowsOf(rebuilt), "rows rebuilt by a new group from offset 0").toEqual(rowsOf(live));
    expect(rowsOf(rebuilt), "rows rebuilt, against a replay of the streams").toEqual(expectedRows(w.store, ACCOUNTS));
  });

  it("for any commands, racing writers and snapshot interval: no lost update, and load equals a replay from scratch", async () => {
    await property(
      fc.record({ every: fc.integer({ min: 1, max: 5 }), commands: fc.array(command, { maxLength: 10 }) }),
      ({ every, commands }, t) => {
        const w = bank(every, t);
        t.log(`snapshotEvery ${every}`);
        const { appended, expectedSnapshot } = runCommands(w, commands, every);
        for (const id of ACCOUNTS) {
          const events = w.store.read(id);
          expect(events.map(show), `events of ${id} (what each execute appended, in order)`).toEqual(appended.get(id)!.map(show));
          const balances = events.map((_, i) => fold(events.slice(0, i + 1)).balance);
          expect(Math.min(0, ...balances), `lowest balance ${id} ever had (a lost update lets two withdrawals through)`).toBe(0);
          expect(w.store.load(id), `load of ${id}, against a replay from scratch`).toEqual({ version: events.length, state: fold(events) });
          expect(w.store.snapshot(id)?.version, `version of ${id}'s snapshot (taken where an append reached a multiple of ${every})`).toBe(
            expectedSnapshot.get(id),
          );
          const snap = w.store.snapshot(id);
          if (snap) {
            expect(snap.state, `state in ${id}'s snapshot, against a replay of its first ${snap.version} events`).toEqual(
              fold(events.slice(0, snap.version)),
            );
          }
          expect(w.records(id).length, `records of ${id} on the topic (one per event)`).toBe(events.length);
        }
      },
      { show: ({ every, commands }) => `snapshotEvery ${every}; ${commands.map(describeCommand).join("; ") || "no commands"}` },
    );
  });

  it("the projection ends equal to a replay after any crashes and failed writes", async () => {
    const phase = fc.record({
      commands: fc.array(command, { minLength: 1, maxLength: 3 }),
      fault: fc.oneof(
        fc.constant<"none" | "crash before commit">("none"),
        fc.constant<"none" | "crash before commit">("crash before commit"),
        fc.integer({ min: 1, max: 4 }),
      ),
    });
    await property(
      fc.array(phase, { minLength: 1, maxLength: 3 }),
      (phases, t) => {
        const w = bank(100, t);
        const table = new Table(t);
        let p = startBalances({ broker: w.broker, topic: "accounts", groupId: "balances", table });
        for (const { commands, fault } of phases) {
          runCommands(w, commands, 100);
          if (fault === "crash before commit") {
            t.log("fault: the projection will crash at its next commit");
            w.broker.faults.crashBeforeNextCommit(p.consumer);
          } else if (typeof fault === "number") {
            t.log(`fault: the balances table will fail at the projection's write #${fault} from now`);
            table.failIn = fault;
          }
          t.log("the projection catches up");
          p = catchUpWithRestarts(w, "balances", table, p);
          table.failIn = 0;
        }
        expect(rowsOf(table), "rows of the balances table, against a replay of the streams").toEqual(
          expectedRows(w.store, ACCOUNTS),
        );
      },
      {
        show: (phases) =>
          phases
            .map(
              ({ commands, fault }) =>
                `${commands.map(describeCommand).join("; ")} → catch up${fault === "none" ? "" : typeof fault === "number" ? ` (its write #${fault} fails)` : ` (${fault})`}`,
            )
            .join(" | "),
      },
    );
  });
});
