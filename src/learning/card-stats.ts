/**
 * The quiz part of the dashboard: card states, what is due, a 14-day forecast, retention, the
 * streak and the leeches. Pure: `now` and the local calendar (`dayOf`) are passed in. Due
 * is exact (`card.due <= now`); days are local dates, used for the statistics only.
 */
import type { Course } from "../content/model.js";
import type { ProgressState } from "./progress-state.js";
import type { Cards } from "./quiz-queue.js";
import type { Card } from "ts-fsrs";
import { isDue, stateName } from "./stored-cards.js";

/** A card failed (rated Again) this many times is a leech: reread its lesson rather than drill it. */
export const LEECH_FAILS = 8;
/** Days in the forecast, today first. */
export const FORECAST_DAYS = 14;

/** A local calendar date, `YYYY-MM-DD`. */
export type Day = string;

/** The local date of `d` in this process's time zone. */
export function localDay(d: Date): Day {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `day` plus `n` calendar days (pure date arithmetic, no time zone involved). */
export function addDays(day: Day, n: number): Day {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export type CardStateName = "new" | "learning" | "review" | "relearning";

/** One question's card, as `progress --json` lists it. */
export interface CardRow {
  id: string;
  /** The lesson's slug. */
  lesson: string;
  state: CardStateName;
  /** ISO 8601, or null for a question never answered. */
  due: string | null;
  reps: number;
  lapses: number;
  stability: number;
  difficulty: number;
}

export interface Leech {
  id: string;
  lesson: number;
  /** Answers rated Again. */
  fails: number;
}

export interface QuizStats {
  counts: Record<CardStateName, number>;
  /** Cards due now (`due <= now`). */
  dueNow: number;
  /** Of those, the ones due since before today. */
  overdue: number;
  /** Cards due on each of the next {@link FORECAST_DAYS} local days; today's count includes the overdue. */
  forecast: { day: Day; due: number }[];
  /** First answers (not practice) right, of all first answers given to the course's questions. */
  retention: { correct: number; total: number };
  /** Consecutive local days, up to today (or yesterday, if none yet today), with an answer. */
  streak: number;
  /** Cards failed {@link LEECH_FAILS} times or more, most failed first. */
  leeches: Leech[];
}

const stateKey = (card: Card | undefined): CardStateName =>
  card ? (stateName(card).toLowerCase() as CardStateName) : "new";

/** One row per question of the course, in course order. */
export function cardRows(course: Course, cards: Cards): CardRow[] {
  const slugOf = new Map(course.lessons.map((l) => [l.number, l.slug]));
  return course.quizzes.map((q) => {
    const card = cards.get(q.id);
    return {
      id: q.id,
      lesson: slugOf.get(q.lesson) ?? String(q.lesson),
      state: stateKey(card),
      due: card ? card.due.toISOString() : null,
      reps: card?.reps ?? 0,
      lapses: card?.lapses ?? 0,
      stability: card?.stability ?? 0,
      difficulty: card?.difficulty ?? 0,
    };
  });
}

export function quizStats(
  course: Course,
  progress: ProgressState,
  cards: Cards,
  now: Date,
  dayOf: (d: Date) => Day = localDay,
): QuizStats {
  const today = dayOf(now);
  const counts: Record<CardStateName, number> = { new: 0, learning: 0, review: 0, relearning: 0 };
  const forecast = Array.from({ length: FORECAST_DAYS }, (_, i) => ({ day: addDays(today, i), due: 0 }));
  let dueNow = 0;
  let overdue = 0;
  const leeches: Leech[] = [];
  for (const q of course.quizzes) {
    const card = cards.get(q.id);
    counts[stateKey(card)]++;
    if (!card) continue;
    const dueDay = dayOf(card.due);
    if (isDue(card, now)) {
      dueNow++;
      if (dueDay < today) overdue++;
    }
    const slot = forecast.findIndex((f) => f.day === dueDay);
    if (dueDay < today) forecast[0]!.due++;
    else if (slot >= 0) forecast[slot]!.due++;
    const answers = Object.hasOwn(progress.answers, q.id) ? progress.answers[q.id]! : [];
    const fails = answers.filter((a) => a.rating === "Again").length;
    if (fails >= LEECH_FAILS) leeches.push({ id: q.id, lesson: q.lesson, fails });
  }
  leeches.sort((a, b) => b.fails - a.fails);
  const ids = new Set(course.quizzes.map((q) => q.id));
  return { counts, dueNow, overdue, forecast, retention: retention(progress, ids), streak: streak(progress, today, dayOf), leeches };
}

function retention(progress: ProgressState, ids: ReadonlySet<string>): QuizStats["retention"] {
  let correct = 0;
  let total = 0;
  for (const [id, answers] of Object.entries(progress.answers)) {
    if (!ids.has(id)) continue;
    for (const a of answers) {
      if (a.practice) continue;
      total++;
      if (a.correct) correct++;
    }
  }
  return { correct, total };
}

function streak(progress: ProgressState, today: Day, dayOf: (d: Date) => Day): number {
  const days = new Set<Day>();
  for (const answers of Object.values(progress.answers)) for (const a of answers) days.add(dayOf(new Date(a.at)));
  let day = days.has(today) ? today : addDays(today, -1);
  let n = 0;
  while (days.has(day)) {
    n++;
    day = addDays(day, -1);
  }
  return n;
}
