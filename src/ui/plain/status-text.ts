/** Plain-text views of the course status: the lesson list, the overview and the dashboard. */
import type { CourseStatus, LessonStatus } from "../../learning/course-status.js";

/** A mark that does not rely on colour: screen readers and NO_COLOR terminals read it too. */
export function readMark(l: LessonStatus): string {
  if (l.read) return "[x]";
  if (l.position !== null) return "[~]";
  return "[ ]";
}

export function lessonsTable(status: CourseStatus): string {
  const rows = status.lessons.map(
    (l) => `${readMark(l)} ${String(l.number).padStart(2)}  ${l.title}  (${l.minutes} min, ${l.id})`,
  );
  return `${rows.join("\n")}\n\n[x] read  [~] started  [ ] not started\n`;
}

export function bar(fraction: number, width = 20): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

export function overviewText(status: CourseStatus): string {
  const n = status.lessons.length;
  return [
    "mqtutor: message queues and event-driven design, in the terminal",
    "",
    `Lessons read: ${status.lessonsRead}/${n} ${bar(n ? status.lessonsRead / n : 0)}`,
    "",
    lessonsTable(status).trimEnd(),
    "",
    "Next steps:",
    "  mqtutor read <lesson>        read a lesson (number or id; --plain for text)",
    "  mqtutor cheatsheet [lesson]  print the cheat sheets",
    "  mqtutor progress             see what you have done",
    "  mqtutor --help               every command",
    "",
  ].join("\n");
}

export function progressText(status: CourseStatus, file: string): string {
  const n = status.lessons.length;
  const lines = status.lessons.map((l) => {
    const state = l.read ? "read" : l.position !== null ? `started, ${Math.round(l.position * 100)}%` : "not started";
    return `  ${readMark(l)} ${String(l.number).padStart(2)} ${l.title}: ${state}`;
  });
  return [
    `Lessons read: ${status.lessonsRead}/${n} ${bar(n ? status.lessonsRead / n : 0)}`,
    "",
    ...lines,
    "",
    `Progress is kept in ${file}`,
    "",
  ].join("\n");
}
