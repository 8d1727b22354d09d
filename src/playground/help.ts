/** The playground's `.help`: what is in scope, the shortcuts and the commands, with examples. */

const HELP = `
The playground runs TypeScript against a live broker whose clock moves only
when you advance it. Types are stripped and imports from "mqtutor/broker"
work, so a lesson's example pastes and runs as written (use .editor for a
long one). A const or let can be declared again in a later input.

In scope
  queues      the SQS-like queues: queues.send("jobs", "hi")
  exchanges   the RabbitMQ-like exchanges: exchanges.checkQueue("q.email")
  log         the Kafka-like log: log.describeGroup("billing")
  clock       the ManualClock all three share; trace: every event so far
  producer    the log producer that produce() uses
  and every export of mqtutor/broker (ManualClock, LogBroker, topicMatches…)

Shortcuts
  queue("jobs")                       create a queue (attributes second)
  dlq("jobs", "jobs-dlq", 3)          dead-letter after 3 receives
  send("jobs", "resize 42")           send a message
  receive("jobs", 2)                  receive up to 2; they go in flight
  deleteMessage("jobs", m)            delete a message you received
  exchange("shop", "topic")           declare an exchange
  bind("q.email", "shop", "order.*")  declare a queue if needed, bind it
  publish("shop", "order.placed", "hi")
  get("q.email"), ack(d), nack(d)     take one message, then settle it
  topic("orders", 3)                  create a topic with 3 partitions
  produce("orders", "customer-7", "created")    a keyed record
  member("billing", "orders")         a new consumer in group "billing"
  consume("orders", "billing")        poll as "billing", from the start
  commit("billing")                   commit what "billing" has read
  advance("30s")                      move the clock: 500, "250ms", "2m", "1h"
  events(5)                           the last 5 trace events
  draw("orders"), reset()             a picture; start again, empty

Faults, from each family's own API
  queues.faults.crashBeforeDelete("jobs")
  exchanges.faults.duplicateNextDelivery("q.email")
  log.faults.crashConsumer(member("billing", "orders"))
  log.faults.duplicateProduce(producer)

Commands
  .draw             pictures of everything in the broker
  .draw orders      the topic, queue or exchange named orders
  .draw broker      a broker you made yourself (a variable), .draw broker jobs
  .editor           write or paste several lines; Ctrl+D runs them
  .break            give up an unfinished input (the ... prompt)
  .exit             leave (or Ctrl+D on an empty line)

Example
  topic("orders", 3); produce("orders", "customer-7", "created")
  consume("orders", "billing"); commit("billing")
  .draw orders
`;

export function helpLines(): string[] {
  return HELP.slice(1).trimEnd().split("\n");
}
