/**
 * Where the server is, whether it must be there, and one connection to it for a test file.
 * `RABBITMQ_URL` (default amqp://localhost) names it. It must answer under `npm run
 * test:rabbitmq` (MQTUTOR_RABBITMQ=required) and under CI=true; otherwise a missing server
 * skips the suite with one line saying how to run it.
 */
import type { ChannelModel } from "amqplib";
import { connectRabbitmq } from "./amqp-side.js";

export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? "amqp://localhost";

/** The URL without its password, for messages. */
export const SHOWN_URL = RABBITMQ_URL.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

export const SERVER_REQUIRED = process.env.MQTUTOR_RABBITMQ === "required" || process.env.CI === "true";

export type Server = { ok: true; model: ChannelModel; version: string; against: string } | { ok: false; reason: string };

export async function openServer(): Promise<Server> {
  try {
    const model = await connectRabbitmq(RABBITMQ_URL, 3000);
    model.on("error", () => {}); // a connection error fails the test that caused it, not the process
    const props = model.connection.serverProperties as { product?: string; version?: string };
    const version = String(props.version ?? "unknown");
    return { ok: true, model, version, against: `${props.product ?? "RabbitMQ"} ${version}` };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export const HOW_TO_RUN =
  "Start one and run `npm run test:rabbitmq` (RABBITMQ_URL picks another server), or run .ci/run, which installs and starts one.";

export function unreachable(reason: string): string {
  return `No RabbitMQ server answered at ${SHOWN_URL} (${reason}).\n${HOW_TO_RUN}`;
}
