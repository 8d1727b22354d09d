import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "./errors.js";
import { FOREIGN_SPELLINGS } from "./foreign-spellings.js";
import { checkOptions, editDistance, nearestKey, optionSpec } from "./options.js";

const CONSUMER = optionSpec("consumer()", ["groupId", "autoOffsetReset", "enableAutoCommit", "maxPollRecords", "isolationLevel"]);
const RECEIVE = optionSpec("receive()", ["maxNumberOfMessages", "visibilityTimeout", "waitTimeSeconds"]);
const CONSUME = optionSpec("consume()", ["prefetch", "noAck", "consumerTag", "onCancel"]);

function messageOf(call: () => void): string {
  try {
    call();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).name).toBe("InvalidArgumentError");
    expect((err as InvalidArgumentError).code).toBe("INVALID_ARGUMENT");
    return (err as Error).message;
  }
  throw new Error("expected the call to throw");
}

describe("checkOptions", () => {
  it("accepts undefined, an empty object and known keys", () => {
    expect(() => checkOptions(undefined, CONSUMER)).not.toThrow();
    expect(() => checkOptions({}, CONSUMER)).not.toThrow();
    expect(() => checkOptions({ groupId: "g", autoOffsetReset: "earliest" }, CONSUMER)).not.toThrow();
  });

  it("refuses something that is not an object", () => {
    for (const bad of [null, 5, "x", [1]]) expect(messageOf(() => checkOptions(bad, CONSUMER))).toMatch(/^The options of consumer\(\) must be an object/);
  });

  it("names the key, the nearest valid one and every valid one, on two lines", () => {
    const m = messageOf(() => checkOptions({ groupId: "g", autoOfsetReset: "earliest" }, CONSUMER));
    expect(m).toBe(
      'Unknown option "autoOfsetReset" for consumer().\n' +
        'Did you mean "autoOffsetReset"? Valid options: groupId, autoOffsetReset, enableAutoCommit, maxPollRecords, isolationLevel.',
    );
  });

  it("refuses an unknown key even when its value is undefined", () => {
    expect(messageOf(() => checkOptions({ prefetchcount: undefined }, CONSUME))).toMatch(/Unknown option "prefetchcount"/);
  });

  it("gives Kafka's dotted names their camelCase twin, saying whose spelling it is", () => {
    expect(messageOf(() => checkOptions({ "auto.offset.reset": "earliest" }, CONSUMER))).toMatch(
      /^Unknown option "auto\.offset\.reset" for consumer\(\)\.\nWrite "autoOffsetReset" \("auto\.offset\.reset" is how Kafka spells it\)\./,
    );
    expect(messageOf(() => checkOptions({ "enable.auto.commit": true }, CONSUMER))).toMatch(/Write "enableAutoCommit"/);
    expect(messageOf(() => checkOptions({ "max.poll.records": 5 }, CONSUMER))).toMatch(/Write "maxPollRecords"/);
  });

  it("maps SQS's PascalCase names to ours", () => {
    expect(messageOf(() => checkOptions({ MaxNumberOfMessages: 10 }, RECEIVE))).toMatch(/Write "maxNumberOfMessages" \("MaxNumberOfMessages" is how SQS spells it\)/);
    // Not in the table: found by ignoring case.
    expect(messageOf(() => checkOptions({ MAXNUMBEROFMESSAGES: 10 }, RECEIVE))).toMatch(/Did you mean "maxNumberOfMessages"\?/);
  });

  it("maps AMQP's prefetch_count and the Java client's prefetchCount to prefetch", () => {
    expect(messageOf(() => checkOptions({ prefetch_count: 1 }, CONSUME))).toMatch(/Write "prefetch" \("prefetch_count" is how AMQP's basic\.qos spells it\)/);
    expect(messageOf(() => checkOptions({ prefetchCount: 1 }, CONSUME))).toMatch(/Write "prefetch".*channel\.prefetch\(n\)/);
  });

  it("explains a foreign setting that has no counterpart here", () => {
    expect(messageOf(() => checkOptions({ acks: "all" }, CONSUMER))).toMatch(/acks is not an option here/);
  });

  it("prefers the call site's own hint", () => {
    const spec = optionSpec("declareQueue()", ["durable"], { hint: (k) => (k.startsWith("x-") ? "Put it in arguments." : undefined) });
    expect(messageOf(() => checkOptions({ "x-message-ttl": 5 }, spec))).toMatch(/\nPut it in arguments\. Valid options: durable\.$/);
  });

  it("every foreign spelling that names ours gives a usable sentence", () => {
    for (const [key, f] of Object.entries(FOREIGN_SPELLINGS)) {
      expect(f.ours !== undefined || f.note !== undefined, key).toBe(true);
      const spec = optionSpec("x()", f.ours === undefined ? ["other"] : [f.ours]);
      const m = messageOf(() => checkOptions({ [key]: 1 }, spec));
      expect(m.split("\n"), key).toHaveLength(2);
      if (f.ours !== undefined) expect(m, key).toContain(`Write "${f.ours}"`);
    }
  });
});

describe("nearestKey and editDistance", () => {
  it("counts insertions, deletions, substitutions and swaps", () => {
    expect(editDistance("mandatroy", "mandatory")).toBe(1);
    expect(editDistance("idempotence", "idempotent")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("finds typos, contained names and subsequences; nothing for an unrelated word", () => {
    const publish = ["mandatory"];
    expect(nearestKey("mandatroy", publish)).toBe("mandatory");
    expect(nearestKey("prefetchCount", ["prefetch", "noAck"])).toBe("prefetch");
    expect(nearestKey("maxMessages", ["maxNumberOfMessages", "visibilityTimeout"])).toBe("maxNumberOfMessages");
    expect(nearestKey("visibility", ["maxNumberOfMessages", "visibilityTimeout"])).toBe("visibilityTimeout");
    expect(nearestKey("zebra", ["prefetch", "noAck", "consumerTag"])).toBeUndefined();
  });
});
