/**
 * Topic-exchange cases kept as data.
 *
 * RABBITMQ_TOPIC_* come from RabbitMQ's own routing test: rabbitmq/rabbitmq-server,
 * deps/rabbit/test/routing_SUITE.erl (topic1/1; read at commit
 * 4b6292b6488bc5acd4ab25ae7edb93ffff402b2b). The test declares a topic exchange, adds these
 * bindings (destination queue = second column), checks rabbit_exchange_type_topic:route/2 for
 * each routing key (as a set), removes bindings 1, 5, 11, 19, 21 and 28 (1-based), checks
 * again, deletes the exchange and checks that nothing matches. The same table (without the
 * "args-test" rows) is in davedoesdev/qlobber test/rabbitmq.js.
 *
 * EMPTY_WORD_CASES are not from a RabbitMQ test run: they follow from reading RabbitMQ 4.x
 * rabbit_db_topic_exchange.erl (split_topic_key_binary/1: <<>> -> [], otherwise
 * binary:split(Key, <<".">>, [global]); trie_match/5 tries the literal word, then "*", then
 * "#" for every word, empty ones included). qlobber 8 differs on them: by default its "*"
 * does not take an empty word, and with `match_empty_levels: true` it still reads "" as one
 * empty word, so "*" matches "" (topic.test.ts pins both differences).
 */

export interface TopicBindingRow {
  readonly pattern: string;
  readonly queue: string;
  readonly args?: Readonly<Record<string, string>>;
}

export const RABBITMQ_TOPIC_BINDINGS: readonly TopicBindingRow[] = [
  { pattern: "a.b.c", queue: "t1" },
  { pattern: "a.*.c", queue: "t2" },
  { pattern: "a.#.b", queue: "t3" },
  { pattern: "a.b.b.c", queue: "t4" },
  { pattern: "#", queue: "t5" },
  { pattern: "#.#", queue: "t6" },
  { pattern: "#.b", queue: "t7" },
  { pattern: "*.*", queue: "t8" },
  { pattern: "a.*", queue: "t9" },
  { pattern: "*.b.c", queue: "t10" },
  { pattern: "a.#", queue: "t11" },
  { pattern: "a.#.#", queue: "t12" },
  { pattern: "b.b.c", queue: "t13" },
  { pattern: "a.b.b", queue: "t14" },
  { pattern: "a.b", queue: "t15" },
  { pattern: "b.c", queue: "t16" },
  { pattern: "", queue: "t17" },
  { pattern: "*.*.*", queue: "t18" },
  { pattern: "vodka.martini", queue: "t19" },
  { pattern: "a.b.c", queue: "t20" },
  { pattern: "*.#", queue: "t21" },
  { pattern: "#.*.#", queue: "t22" },
  { pattern: "*.#.#", queue: "t23" },
  { pattern: "#.#.#", queue: "t24" },
  { pattern: "*", queue: "t25" },
  { pattern: "#.b.#", queue: "t26" },
  { pattern: "args-test", queue: "t27", args: { foo: "bar" } },
  // "Note aliasing": the same key and queue with other arguments is a second binding.
  { pattern: "args-test", queue: "t27", args: { foo: "baz" } },
];

export const RABBITMQ_TOPIC_EXPECTED_BEFORE_REMOVE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["a.b.c", ["t1", "t2", "t5", "t6", "t10", "t11", "t12", "t18", "t20", "t21", "t22", "t23", "t24", "t26"]],
  ["a.b", ["t3", "t5", "t6", "t7", "t8", "t9", "t11", "t12", "t15", "t21", "t22", "t23", "t24", "t26"]],
  ["a.b.b", ["t3", "t5", "t6", "t7", "t11", "t12", "t14", "t18", "t21", "t22", "t23", "t24", "t26"]],
  ["", ["t5", "t6", "t17", "t24"]],
  ["b.c.c", ["t5", "t6", "t18", "t21", "t22", "t23", "t24", "t26"]],
  ["a.a.a.a.a", ["t5", "t6", "t11", "t12", "t21", "t22", "t23", "t24"]],
  ["vodka.gin", ["t5", "t6", "t8", "t21", "t22", "t23", "t24"]],
  ["vodka.martini", ["t5", "t6", "t8", "t19", "t21", "t22", "t23", "t24"]],
  ["b.b.c", ["t5", "t6", "t10", "t13", "t18", "t21", "t22", "t23", "t24", "t26"]],
  ["nothing.here.at.all", ["t5", "t6", "t21", "t22", "t23", "t24"]],
  ["oneword", ["t5", "t6", "t21", "t22", "t23", "t24", "t25"]],
  ["args-test", ["t5", "t6", "t21", "t22", "t23", "t24", "t25", "t27"]],
];

/** 1-based positions in RABBITMQ_TOPIC_BINDINGS, as in the suite. */
export const RABBITMQ_TOPIC_REMOVED = [1, 5, 11, 19, 21, 28] as const;

export const RABBITMQ_TOPIC_EXPECTED_AFTER_REMOVE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["a.b.c", ["t2", "t6", "t10", "t12", "t18", "t20", "t22", "t23", "t24", "t26"]],
  ["a.b", ["t3", "t6", "t7", "t8", "t9", "t12", "t15", "t22", "t23", "t24", "t26"]],
  ["a.b.b", ["t3", "t6", "t7", "t12", "t14", "t18", "t22", "t23", "t24", "t26"]],
  ["", ["t6", "t17", "t24"]],
  ["b.c.c", ["t6", "t18", "t22", "t23", "t24", "t26"]],
  ["a.a.a.a.a", ["t6", "t12", "t22", "t23", "t24"]],
  ["vodka.gin", ["t6", "t8", "t22", "t23", "t24"]],
  ["vodka.martini", ["t6", "t8", "t22", "t23", "t24"]],
  ["b.b.c", ["t6", "t10", "t13", "t18", "t22", "t23", "t24", "t26"]],
  ["nothing.here.at.all", ["t6", "t22", "t23", "t24"]],
  ["oneword", ["t6", "t22", "t23", "t24", "t25"]],
  ["args-test", ["t6", "t22", "t23", "t24", "t25", "t27"]],
];

/** After exchange.delete nothing routes. */
export const RABBITMQ_TOPIC_AFTER_DELETE_KEYS = ["a.b.c", "b.b.c", ""] as const;

/** [pattern, routing key, matches] — derived from RabbitMQ's split and trie walk (see above). */
export const EMPTY_WORD_CASES: ReadonlyArray<readonly [string, string, boolean]> = [
  ["*", "", false],
  ["#", "", true],
  ["", "", true],
  ["", ".", false],
  ["*", ".", false],
  ["*.*", ".", true],
  ["#", ".", true],
  ["a.*.b", "a..b", true],
  ["a..b", "a..b", true],
  ["a.b", "a..b", false],
  ["a.#.b", "a..b", true],
  ["a.*", "a.", true],
  ["a", "a.", false],
  ["a.#", "a.", true],
  ["*.a", ".a", true],
  ["a*", "ab", false],
  ["a*", "a*", true],
  ["#b", "ab", false],
  ["*", "*", true],
  ["*", "#", true],
  ["#", "#.#", true],
];
