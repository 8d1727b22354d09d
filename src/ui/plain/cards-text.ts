/** The quiz part of `mqtutor progress`: card states, what is due, the forecast, retention, streak, leeches. */
import type { Course } from "../../content/model.js";
import type { QuizStats } from "../../learning/card-stats.js";
import { wrap } from "./wrap-text.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function cardsText(stats: QuizStats, course: Course, width: number): string {
  const { counts, retention } = stats;
  const total = counts.new + counts.learning + counts.review + counts.relearning;
  const lines = [
    `Quiz cards: ${total} · ${counts.new} new · ${counts.learning} learning · ${counts.review} review · ${counts.relearning} relearning`,
    `Due now: ${stats.dueNow}${stats.overdue > 0 ? ` (${stats.overdue} overdue since before today)` : ""}${
      stats.dueNow > 0 ? ": mqtutor review" : ""
    }`,
    `Retention of first answers: ${
      retention.total === 0 ? "no answers yet" : `${Math.round((100 * retention.correct) / retention.total)}% (${retention.correct} of ${retention.total})`
    }`,
    `Streak: ${plural(stats.streak, "day")} with answers`,
  ];
  const busy = stats.forecast.filter((f) => f.due > 0);
  lines.push(
    busy.length === 0
      ? `Due in the next ${stats.forecast.length} days: nothing`
      : `Due in the next ${stats.forecast.length} days: ${busy
          .map((f) => `${f.day === stats.forecast[0]!.day ? "today" : f.day} ${f.due}`)
          .join(", ")}`,
  );
  for (const leech of stats.leeches) {
    const lesson = course.lessons.find((l) => l.number === leech.lesson);
    lines.push(
      `Leech: ${leech.id}, failed ${leech.fails} times. Reread lesson ${leech.lesson}${lesson ? ` (${lesson.title})` : ""}: mqtutor read ${leech.lesson}`,
    );
  }
  return `\n${lines.map((l) => wrap(l, width, 2)).join("\n")}\n`;
}
