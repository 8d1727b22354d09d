// Loaded with --import: records every bare package the process resolves into the file named
// by MQTUTOR_IMPORT_LOG, so a test can prove which libraries a command loads.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  if (!specifier.startsWith(".") && !specifier.startsWith("/") && !specifier.startsWith("file:") && !specifier.startsWith("node:") && !specifier.startsWith("data:")) {
    appendFileSync(process.env.MQTUTOR_IMPORT_LOG, specifier + "\\n");
  }
  return next(specifier, context);
}`)}`,
);
