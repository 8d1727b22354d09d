// Loaded with --import: at exit, writes the Node built-in modules this process loaded (one a
// line, from process.moduleLoadList) into the file named by MQTUTOR_BUILTIN_LOG, so a test can
// prove that a command never loads, say, undici (Node's fetch), which no resolve hook sees.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  writeFileSync(process.env.MQTUTOR_BUILTIN_LOG, process.moduleLoadList.join("\n") + "\n");
});
