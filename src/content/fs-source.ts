/**
 * The file-system edge of content loading: reads the course files and hands them to the pure
 * `parseCourse`. The only module of src/content that touches node:fs.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { DataError } from "../errors.js";
import type { Course } from "./model.js";
import { parseCourse, type CourseFile } from "./parse.js";

function entries(dir: string): Dirent[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw unreadable(dir, error);
  }
}

/** A course file or folder that exists but cannot be read: data, not a bug (exit 3). */
function unreadable(path: string, error: unknown): DataError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new DataError(
    path,
    `could not be read (${code}).\nCheck its permissions (or MQTUTOR_CONTENT), or reinstall mqtutor.`,
    "CONTENT_UNREADABLE",
  );
}

function readText(root: string, path: string): string {
  const file = join(root, ...path.split("/"));
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** Follows symlinks, so a linked lesson or exercise folder counts like a real one. */
function kind(dir: string, e: Dirent): "file" | "dir" | "other" {
  if (e.isFile()) return "file";
  if (e.isDirectory()) return "dir";
  if (!e.isSymbolicLink()) return "other";
  try {
    const s = statSync(join(dir, e.name));
    return s.isFile() ? "file" : s.isDirectory() ? "dir" : "other";
  } catch {
    return "other"; // a dangling link is not content
  }
}

const skipped = (name: string) => name.startsWith(".") || name === "node_modules";

/** Every file under `rel` (recursively), as paths relative to root. */
function walk(root: string, rel: string): string[] {
  const out: string[] = [];
  const dir = join(root, rel);
  for (const e of entries(dir)) {
    if (skipped(e.name)) continue;
    const k = kind(dir, e);
    if (k === "file") out.push(`${rel}/${e.name}`);
    else if (k === "dir") out.push(...walk(root, `${rel}/${e.name}`));
  }
  return out;
}

/**
 * Reads `lessons/*.md`, `quizzes/*.md` and every file of each `exercises/<folder>/`, as text.
 * A missing folder counts as empty (a course under construction); a missing root does not.
 *
 * @param root the course root, the folder holding `lessons/`.
 * @returns paths relative to root with "/" separators, sorted.
 * @throws DataError if root is missing or not a folder, or a file or folder cannot be read.
 */
export function readCourseFiles(root: string): CourseFile[] {
  const fix = "Check MQTUTOR_CONTENT (it must name the folder holding lessons/), or reinstall mqtutor.";
  if (!existsSync(root)) throw new DataError(root, `the course folder does not exist.\n${fix}`, "NO_COURSE");
  if (!statSync(root).isDirectory()) throw new DataError(root, `is a file, not the course folder.\n${fix}`, "NO_COURSE");
  const paths: string[] = [];
  for (const folder of ["lessons", "quizzes"]) {
    const dir = join(root, folder);
    for (const e of entries(dir)) {
      if (!skipped(e.name) && e.name.endsWith(".md") && kind(dir, e) === "file") paths.push(`${folder}/${e.name}`);
    }
  }
  const exercises = join(root, "exercises");
  for (const e of entries(exercises)) {
    if (!skipped(e.name) && kind(exercises, e) === "dir") paths.push(...walk(root, `exercises/${e.name}`));
  }
  return paths.sort().map((path) => ({ path, text: readText(root, path) }));
}

/**
 * Reads and validates the course at root.
 *
 * @throws ContentError listing every problem; DataError if root is not a folder, a file
 *   cannot be read, or there is no lesson (every screen assumes at least one).
 */
export function loadCourse(root: string): Course {
  const files = readCourseFiles(root);
  if (!files.some((f) => f.path.startsWith("lessons/"))) {
    throw new DataError(
      join(root, "lessons"),
      "holds no lessons (no .md files), so there is no course to show.\n" +
        "Check MQTUTOR_CONTENT (it must name the folder holding lessons/), or reinstall mqtutor.",
      "NO_LESSONS",
    );
  }
  return parseCourse(files, root);
}

// Kept here for the callers that read the course through this module; it lives apart so the
// bundled course index (fs-course-index.ts) can find the package without loading the parser.
export { defaultCourseRoot } from "./fs-course-root.js";
