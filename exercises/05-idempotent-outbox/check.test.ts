import { describe, expect, fc, fail, it, loadSubject, property, type Timeline } from "mqtutor/checks";
import { ManualClock, QueueBroker, QueueConsumerCrashedError } from "mqtutor/broker";
import type * as Reference from "./solution.js";

const { processPayments, relayOutbox } = await loadSubject<typeof Reference>("processPayments", "relayOutbox");

type Tx = Reference.Tx;
const PAYMENTS = "payments";
const EVENTS = "payment-events.fifo";
const START_BALANCE = 100;

/** The store's way of saying the process died; the check restarts the process afterwards. */
class StoreCrash extends Error {}
const DELETED = Symbol("deleted");

/** When the store should crash: asked once per transaction, after its work ran. */
type CrashRule = (tx: { n: number; writes: string[] }) => "before-commit" | "after-commit" | undefined;

/**
 * The service's database, as the task describes it: a key-value store with atomic
 * transactions. It can crash a transaction before or after its commit; then it is down
 * (every call throws) until the check restarts the process.
 */
class CheckStore {
  readonly data = new Map<string, unknown>();
  down = false;
  transactions = 0;
  crash?: CrashRule;
  /** Runs once when the next transaction begins, before its work: another process's turn. */
  onBegin?: () => void;
  /** A transaction is running its work right now. */
  inTransaction = false;
  constructor(private readonly t?: Timeline) {}

  transaction<T>(work: (tx: Tx) => T): T {
    if (this.down) throw new StoreCrash("the process has crashed: its database connection is gone");
    if (this.inTransaction) throw new Error("store.transaction() called inside another transaction: use the tx you were given");
    const turn = this.onBegin;
    this.onBegin = undefined;
    turn?.();
    const staged = new Map<string, unknown>();
    let open = true;
    const read = (key: string) => (staged.has(key) ? staged.get(key) : this.data.get(key));
    const guard = () => {
      if (!open) throw new Error("this transaction has ended: start a new one with store.transaction()");
    };
    const tx: Tx = {
      get: <V>(key: string) => {
        guard();
        const v = read(key);
        return (v === DELETED || v === undefined ? undefined : structuredClone(v)) as V | undefined;
      },
      set: (key, value) => {
        guard();
        if (value === undefined) throw new Error(`tx.set("${key}", undefined): store a value, or use tx.delete`);
        staged.set(key, structuredClone(value));
      },
      delete: (key) => {
        guard();
        staged.set(key, DELETED);
      },
      keys: (prefix) => {
        guard();
        const all = new Set([...this.data.keys(), ...staged.keys()]);
        return [...all].filter((k) => k.startsWith(prefix) && read(k) !== DELETED && read(k) !== undefined).sort();
      },
    };
    const n = ++this.transactions;
    let result: T;
    this.inTransaction = true;
    try {
      result = work(tx);
    } finally {
      this.inTransaction = false;
      open = false;
    }
    if (result instanceof Promise) throw new Error("store.transaction() takes synchronous work: do not pass an async function");
    const writes = [...staged.keys()];
    const crash = this.crash?.({ n, writes });
    if (crash === "before-commit") {
      this.down = true;
      this.t?.log(`  the process crashes before transaction ${n} commits: nothing of it is kept`);
      throw new StoreCrash("crashed before commit");
    }
    for (const [k, v] of staged) {
      if (v === DELETED) this.data.delete(k);
      else this.data.set(k, v);
    }
    if (this.t && writes.length > 0) this.t.log(`  transaction ${n} commits: ${this.describe(staged)}`);
    if (crash === "after-commit") {
      this.down = true;
      this.t?.log(`  the process crashes right after transaction ${n} commits`);
      throw new StoreCrash("crashed after commit");
    }
    return result;
  }

  private describe(staged: Map<string, unknown>): string {
    return [...staged]
      .map(([k, v]) => (v === DELETED ? `delete ${k}` : k.startsWith("balance:") ? `${k} = ${String(v)}` : `set ${k}`))
      .join(", ");
  }
}

interface PaymentIn {
  paymentId: string;
  account: string;
  amount: number;
}

/** A broker with the two queues, a store with starting balances, and helpers to run the learner's code as a process that may crash. */
function service(t?: Timeline) {
  const clock = new ManualClock();
  const broker = new QueueBroker({ clock });
  broker.createQueue(PAYMENTS, { visibilityTimeout: 30 });
  broker.createQueue(EVENTS, { visibilityTimeout: 30 });
  const store = new CheckStore(t);
  for (const a of ["acc-1", "acc-2", "acc-3"]) store.data.set(`balance:${a}`, START_BALANCE);
  const paymentOf = new Map<string, string>(); // SQS messageId → paymentId
  if (t) {
    broker.trace.subscribe((e) => {
      if (e.type === "receive" && e.queue === PAYMENTS) {
        (e.messageIds as string[]).forEach((id, i) =>
          t.log(`  received ${paymentOf.get(id)} (receive #${(e.receiveCounts as number[])[i]})`),
        );
      }
      if (e.type === "delete" && e.queue === PAYMENTS) t.log(`  deleted the message of ${paymentOf.get(String(e.messageId))}`);
      if (e.type === "send" && e.queue === EVENTS) t.log(`  published an event (group ${String(e.messageGroupId)}, dedup id ${String(e.messageDeduplicationId)})`);
      if (e.type === "send-deduplicated") t.log(`  the FIFO queue dropped a repeat of ${String(e.messageDeduplicationId)}`);
      if (e.type === "fault" && e.armed === false && e.fault === "crash-before-delete") {
        t.log(`  the process crashes before deleting the message of ${paymentOf.get(String(e.messageId))}`);
      }
      if (e.type === "fault" && e.armed === false && e.fault === "duplicate-delivery") {
        t.log(`  the queue keeps a copy of ${paymentOf.get(String(e.messageId))} visible (duplicate delivery)`);
      }
    });
  }
  const s = {
    clock,
    broker,
    store,
    paid: [] as PaymentIn[],
    send(p: PaymentIn, why = "") {
      const { messageId } = broker.send(PAYMENTS, JSON.stringify(p));
      paymentOf.set(messageId, p.paymentId);
      s.paid.push(p);
      t?.log(`payment ${p.paymentId} (${p.account}, ${p.amount}) sent${why}`);
    },
    /** Runs one step of the learner's code; a crash ends that process, the next step is a fresh one. */
    run(step: "consumer" | "relay"): "ok" | "crashed" {
      t?.log(`${step === "consumer" ? "processPayments" : "relayOutbox"} runs`);
      try {
        if (step === "consumer") processPayments(broker, store as unknown as Reference.Store);
        else relayOutbox(broker, store as unknown as Reference.Store);
        return "ok";
      } catch (err) {
        if (err instanceof StoreCrash || err instanceof QueueConsumerCrashedError) return "crashed";
        const e = err as Error;
        fail(`${step === "consumer" ? "processPayments" : "relayOutbox"} threw ${e?.name ?? "an error"}: ${e?.message ?? String(err)}`);
      } finally {
        store.down = false; // the process restarts
        store.crash = undefined;
      }
    },
    /**
     * SQS's occasional duplicate: the next message received is also visible at once, and a
     * second consumer process receives and handles that copy while the first one is between
     * its receive and its first transaction.
     */
    duplicateNextDelivery() {
      broker.faults.duplicateDelivery(PAYMENTS);
      store.onBegin = () => {
        t?.log("  meanwhile a second consumer process runs:");
        s.run("consumer");
        t?.log("  back to the first consumer process");
      };
    },
    /** Lets visibility timeouts end. */
    later() {
      clock.advance(31_000);
      t?.log("31 s later");
    },
    /** No more faults: runs the consumer and the relay until the queue and the outbox are empty. */
    recover() {
      for (let i = 0; i < 6; i++) {
        s.run("relay");
        s.run("consumer");
        s.run("relay");
        const a = broker.getQueueAttributes(PAYMENTS);
        if (a.approximateNumberOfMessages + a.approximateNumberOfMessagesNotVisible === 0) return;
        s.later();
      }
    },
    balance: (account: string) => store.data.get(`balance:${account}`),
    /** Every event in the FIFO queue, in queue order (per group), read and deleted. */
    events() {
      const out: (Reference.PaymentApplied & { group: string | undefined })[] = [];
      for (;;) {
        const batch = broker.receive(EVENTS, { maxNumberOfMessages: 10 });
        if (batch.length === 0) return out;
        for (const m of batch) {
          out.push({ ...(JSON.parse(m.body) as Reference.PaymentApplied), group: m.attributes.messageGroupId });
          broker.deleteMessage(EVENTS, m.receiptHandle);
        }
      }
    },
    paymentsLeft() {
      const a = broker.getQueueAttributes(PAYMENTS);
      return a.approximateNumberOfMessages + a.approximateNumberOfMessagesNotVisible;
    },
  };
  return s;
}

/** The guarantees, on what the broker and the store show at the end. */
function checkOutcome(s: ReturnType<typeof service>): void {
  const distinct = new Map(s.paid.map((p) => [p.paymentId, p]));
  for (const account of ["acc-1", "acc-2", "acc-3"]) {
    const debits = [...distinct.values()].filter((p) => p.account === account).reduce((sum, p) => sum + p.amount, 0);
    expect(s.balance(account), `balance of ${account} (started at ${START_BALANCE}; each payment applied once)`).toBe(START_BALANCE - debits);
  }
  const events = s.events();
  const perPayment = [...distinct.keys()].sort().map((id) => `${id} ×${events.filter((e) => e.paymentId === id).length}`);
  expect(perPayment, "events published per payment").toEqual([...distinct.keys()].sort().map((id) => `${id} ×1`));
  for (const e of events) expect(e.group, `message group of ${e.paymentId}'s event`).toBe(e.account);
  for (const account of ["acc-1", "acc-2", "acc-3"]) {
    let balance = START_BALANCE;
    for (const e of events.filter((x) => x.account === account)) {
      balance -= e.amount;
      expect(e.balance, `balance in ${e.paymentId}'s event, read in ${account}'s queue order`).toBe(balance);
    }
  }
  expect(s.paymentsLeft(), "payment messages left in the queue").toBe(0);
}

const pay = (paymentId: string, account: string, amount: number): PaymentIn => ({ paymentId, account, amount });

describe("idempotent consumer and transactional outbox", () => {
  it("applies a payment, publishes its event and deletes the message", () => {
    const s = service();
    s.send(pay("pay-1", "acc-1", 25));
    s.run("consumer");
    s.run("relay");
    expect(s.balance("acc-1"), "balance of acc-1 after paying 25").toBe(75);
    const events = s.events();
    expect(events.length, "events published").toBe(1);
    expect(events[0], "the event").toMatchObject({ paymentId: "pay-1", account: "acc-1", amount: 25, balance: 75, group: "acc-1" });
    expect(typeof events[0]?.eventId, "type of the event's eventId").toBe("string");
    expect(s.paymentsLeft(), "payment messages left in the queue").toBe(0);
  });

  it("applies a payment once when the queue delivers it twice", () => {
    const s = service();
    s.send(pay("pay-1", "acc-1", 25));
    s.duplicateNextDelivery();
    s.run("consumer");
    s.recover();
    checkOutcome(s);
  });

  it("applies a payment once when the consumer crashed before deleting its message", () => {
    const s = service();
    s.broker.faults.crashBeforeDelete(PAYMENTS);
    s.send(pay("pay-1", "acc-1", 25));
    s.run("consumer");
    s.later(); // the message is visible again
    s.recover();
    checkOutcome(s);
  });

  it("applies a payment once when the producer sent it twice (deduplicate on paymentId, not on the SQS messageId)", () => {
    const s = service();
    s.send(pay("pay-1", "acc-1", 25));
    s.send(pay("pay-1", "acc-1", 25), " again (the producer retried)");
    s.recover();
    checkOutcome(s);
  });

  it("applies nothing when the payment's transaction crashes, and applies it once when redelivered", () => {
    const s = service();
    s.send(pay("pay-1", "acc-1", 25));
    s.store.crash = ({ writes }) => (writes.some((k) => k.startsWith("balance:")) ? "before-commit" : undefined);
    s.run("consumer");
    expect(s.balance("acc-1"), "balance of acc-1 after the crashed transaction").toBe(100);
    s.later();
    s.recover();
    checkOutcome(s);
  });

  it("loses no event when the process crashes right after the payment's transaction commits", () => {
    const s = service();
    s.send(pay("pay-1", "acc-1", 25));
    s.store.crash = ({ writes }) => (writes.some((k) => k.startsWith("balance:")) ? "after-commit" : undefined);
    s.run("consumer");
    s.later();
    s.recover();
    checkOutcome(s);
  });

  it("publishes each event once even when the relay crashes between publishing it and recording that", () => {
    const s = service();
    s.send(pay("pay-1", "acc-1", 25));
    s.send(pay("pay-2", "acc-1", 5));
    s.run("consumer");
    // After the relay's first publish, its next commit fails: the process dies.
    let published = false;
    const stop = s.broker.trace.subscribe((e) => {
      if (e.type === "send" && e.queue === EVENTS) published = true;
    });
    s.store.crash = () => (published ? "before-commit" : undefined);
    expect(s.run("relay"), "the relay's run (it should crash after publishing)").toBe("crashed");
    stop();
    s.recover();
    checkOutcome(s);
  });

  it("publishes an account's events in the order its payments were applied", () => {
    const s = service();
    for (const [id, amount] of [["pay-c", 10], ["pay-a", 20], ["pay-b", 30]] as const) s.send(pay(id, "acc-2", amount));
    s.run("consumer");
    s.run("relay");
    const events = s.events();
    expect(
      events.map((e) => `${e.paymentId} (balance ${e.balance})`),
      "acc-2's events in queue order (applied c, a, b)",
    ).toEqual(["pay-c (balance 90)", "pay-a (balance 70)", "pay-b (balance 40)"]);
  });

  it("any mix of duplicates and crashes: each payment applied once, each event published once, in order", async () => {
    type Fault = "none" | "duplicate-delivery" | "crash-before-delete" | "crash-before-commit" | "crash-after-commit";
    const step = fc.oneof(
      fc.record({ kind: fc.constant("consumer" as const), fault: fc.constantFrom<Fault>("none", "duplicate-delivery", "crash-before-delete", "crash-before-commit", "crash-after-commit"), tx: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant("relay" as const), fault: fc.constantFrom<Fault>("none", "crash-before-commit", "crash-after-commit"), tx: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant("later" as const) }),
    );
    await property(
      fc.record({
        payments: fc.array(fc.record({ account: fc.constantFrom("acc-1", "acc-2", "acc-3"), amount: fc.integer({ min: 1, max: 50 }), twice: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        steps: fc.array(step, { maxLength: 8 }),
      }),
      ({ payments, steps }, t) => {
        const s = service(t);
        payments.forEach((p, i) => {
          s.send(pay(`pay-${i + 1}`, p.account, p.amount));
          if (p.twice) s.send(pay(`pay-${i + 1}`, p.account, p.amount), " again (the producer retried)");
        });
        for (const st of steps) {
          if (st.kind === "later") {
            s.later();
            continue;
          }
          if (st.fault === "duplicate-delivery") s.duplicateNextDelivery();
          if (st.fault === "crash-before-delete") s.broker.faults.crashBeforeDelete(PAYMENTS);
          if (st.fault === "crash-before-commit" || st.fault === "crash-after-commit") {
            const first = s.store.transactions + 1;
            const when = st.fault === "crash-before-commit" ? "before-commit" : "after-commit";
            s.store.crash = ({ n }) => (n === first + st.tx - 1 ? when : undefined);
          }
          s.run(st.kind);
          s.broker.faults.clear(PAYMENTS);
          s.store.onBegin = undefined;
        }
        s.recover();
        checkOutcome(s);
      },
      {
        numRuns: 100,
        show: ({ payments, steps }) =>
          `payments ${payments.map((p, i) => `pay-${i + 1}=${p.account}:${p.amount}${p.twice ? " (sent twice)" : ""}`).join(", ")}; steps ${
            steps.map((st) => (st.kind === "later" ? "31 s later" : `${st.kind}${st.fault === "none" ? "" : ` with ${st.fault}${st.fault.startsWith("crash-") && st.fault.endsWith("commit") ? ` of its transaction ${st.tx}` : ""}`}`)).join(", ") || "none"
          }`,
      },
    );
  });
});
