// Loaded with --import: records the URL of every module the process loads into the file named
// by MQTUTOR_IMPORT_LOG, so a test can prove which parts of the bundle a command runs.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MQTUTOR_IMPORT_LOG, result.url + "\\n");
  return result;
}`)}`,
);
