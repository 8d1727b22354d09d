import type { Clock, QueueBroker } from "mqtutor/broker";

/** The orchestrator's own queue: participants send their replies here. */
export const REPLIES = "saga-replies";
/** How long to wait for a reply before sending the command again. */
export const STEP_TIMEOUT_MS = 30_000;
/** Attempts at a compensatable step before giving up on it. */
export const HOLD_ATTEMPTS = 3;

/** One step of the saga: the participant's queue, the action, and its compensation. */
export interface Step {
  queue: string;
  action: string;
  /** Compensatable steps have one; the pivot and the steps after it do not. */
  undo?: string;
}

/** Compensatable steps first, then the pivot, then the retriable step. */
export const STEPS: readonly Step[] = [
  { queue: "flights", action: "hold-seat", undo: "release-seat" },
  { queue: "hotels", action: "hold-room", undo: "release-room" },
  { queue: "payments", action: "charge-card" }, // the pivot
  { queue: "tickets", action: "issue-tickets" }, // retriable
];

export type Outcome = "CONFIRMED" | "CANCELLED";

/** Sent to a participant's queue. `key` is `<bookingId>:<action>`, the same on every re-send. */
export interface Command {
  bookingId: string;
  action: string;
  key: string;
}

/** What a participant sends to `REPLIES`: the command's key, and whether it did it. */
export interface Reply {
  key: string;
  ok: boolean;
}

export interface OrchestratorOptions {
  broker: QueueBroker;
  clock: Clock;
  /** Called once per booking, when its saga has ended. */
  onEnd: (bookingId: string, outcome: Outcome) => void;
}

export interface Orchestrator {
  /** Starts the saga of a booking. */
  book(bookingId: string): void;
  /** Handles the replies that arrived and the deadlines that passed. */
  poll(): void;
}

/** The command a saga waits on: sent again, same key, when its deadline passes. */
interface Waiting {
  queue: string;
  action: string;
  key: string;
  attempt: number;
  deadline: number;
}

/** The saga log's record of one booking. */
interface Saga {
  bookingId: string;
  /** Going forward: the index of the current step. */
  step: number;
  /** Compensating: the steps left to undo, next first. Undefined while going forward. */
  undo: Step[] | undefined;
  waiting: Waiting;
}

export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const { broker, clock, onEnd } = options;
  const sagas = new Map<string, Saga>();

  /** Sends a command for the first time, and returns what to wait for. */
  function dispatch(bookingId: string, queue: string, action: string): Waiting {
    const key = `${bookingId}:${action}`;
    const command: Command = { bookingId, action, key };
    broker.send(queue, JSON.stringify(command));
    return { queue, action, key, attempt: 1, deadline: clock.now() + STEP_TIMEOUT_MS };
  }

  function resend(saga: Saga): void {
    const w = saga.waiting;
    w.attempt += 1;
    w.deadline = clock.now() + STEP_TIMEOUT_MS;
    // The same key: a participant that did it already answers without doing it again.
    const command: Command = { bookingId: saga.bookingId, action: w.action, key: w.key };
    broker.send(w.queue, JSON.stringify(command));
  }

  function end(saga: Saga, outcome: Outcome): void {
    sagas.delete(saga.bookingId);
    onEnd(saga.bookingId, outcome);
  }

  /** Undoes `steps` (already done, or maybe done) one at a time, last first. */
  function compensate(saga: Saga, steps: readonly Step[]): void {
    saga.undo = steps.filter((s) => s.undo !== undefined);
    next(saga);
  }

  /** Sends the next compensation, or ends the saga when none is left. */
  function next(saga: Saga): void {
    const step = saga.undo!.shift();
    if (step) saga.waiting = dispatch(saga.bookingId, step.queue, step.undo!);
    else end(saga, "CANCELLED");
  }

  function onReply(reply: Reply): void {
    const bookingId = reply.key.slice(0, reply.key.lastIndexOf(":"));
    const saga = sagas.get(bookingId);
    // A duplicate, or a late reply to a step we are no longer waiting for.
    if (!saga || saga.waiting.key !== reply.key) return;
    if (saga.undo) {
      next(saga); // compensations always succeed eventually
    } else if (reply.ok) {
      saga.step += 1;
      const step = STEPS[saga.step];
      if (step) saga.waiting = dispatch(saga.bookingId, step.queue, step.action);
      else end(saga, "CONFIRMED");
    } else {
      // Declined: nothing happened at this step, so undo the ones before it.
      compensate(saga, STEPS.slice(0, saga.step));
    }
  }

  function onDeadline(saga: Saga): void {
    const step = STEPS[saga.step]!;
    const givingUp = !saga.undo && step.undo !== undefined && saga.waiting.attempt >= HOLD_ATTEMPTS;
    if (givingUp) {
      // The hold may have happened with its reply lost: undo it too.
      compensate(saga, STEPS.slice(0, saga.step + 1));
    } else {
      // The pivot, the retriable step and compensations are never given up:
      // a charge that timed out may have gone through.
      resend(saga);
    }
  }

  return {
    book(bookingId: string): void {
      if (sagas.has(bookingId)) return;
      const first = STEPS[0]!;
      sagas.set(bookingId, { bookingId, step: 0, undo: undefined, waiting: dispatch(bookingId, first.queue, first.action) });
    },

    poll(): void {
      for (;;) {
        const messages = broker.receive(REPLIES, { maxNumberOfMessages: 10 });
        if (messages.length === 0) break;
        for (const m of messages) {
          onReply(JSON.parse(m.body) as Reply);
          broker.deleteMessage(REPLIES, m.receiptHandle);
        }
      }
      for (const saga of [...sagas.values()]) {
        if (clock.now() >= saga.waiting.deadline) onDeadline(saga);
      }
    },
  };
}
