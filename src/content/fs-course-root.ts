/**
 * Finds the mqtutor package on disk, which holds lessons/, quizzes/, exercises/ and dist/.
 * Apart from fs-source.ts so that the bundled course index can be found without loading the
 * content parser and its libraries.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "../errors.js";

const PACKAGE_NAME = "mqtutor";

/**
 * The mqtutor package root, which holds lessons/, quizzes/ and exercises/: the nearest folder
 * at or above `from` whose package.json is named "mqtutor". Works from src/content (tests,
 * tsx) and from dist/chunks (the bundle) alike. The caller lets `MQTUTOR_CONTENT` override it.
 *
 * @param from where to start looking. @default import.meta.url (this module)
 * @throws DataError if no such folder exists.
 */
export function defaultCourseRoot(from: string | URL = import.meta.url): string {
  const start = dirname(fileURLToPath(from));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isMqtutorPackage(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new DataError(
    start,
    `no package.json named "${PACKAGE_NAME}" in this folder or above it, so the course cannot be found.\nSet MQTUTOR_CONTENT to the folder holding lessons/, or reinstall mqtutor.`,
    "NO_COURSE",
  );
}

function isMqtutorPackage(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false; // missing or unreadable: keep walking up
  }
}
