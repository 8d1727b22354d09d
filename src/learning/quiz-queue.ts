/**
 * Which questions a quiz or a review asks, and when the next card is due. Pure; `now` is
 * passed in. Only questions of the course are asked: a card whose question was removed keeps
 * its history in the log but never comes back.
 */
import type { Course, QuizQuestion } from "../content/model.js";
import type { Card } from "ts-fsrs";
import { isDue } from "./stored-cards.js";

/** Cards by question id (see projectCards); a question without one is new. */
export type Cards = ReadonlyMap<string, Card>;

/**
 * `mqtutor quiz [<lesson>]`: the new and the due questions, in course order (lesson, then file
 * name); with `lesson` (its number), only that lesson's, which is their file order.
 */
export function quizQueue(course: Course, cards: Cards, now: Date, lesson?: number): QuizQuestion[] {
  return course.quizzes.filter((q) => {
    if (lesson !== undefined && q.lesson !== lesson) return false;
    const card = cards.get(q.id);
    return card === undefined || isDue(card, now);
  });
}

/** `mqtutor review`: only the due cards, most overdue first (course order among equals). */
export function reviewQueue(course: Course, cards: Cards, now: Date): QuizQuestion[] {
  const due = course.quizzes.filter((q) => {
    const card = cards.get(q.id);
    return card !== undefined && isDue(card, now);
  });
  // Array#sort is stable, so equal due times keep course order.
  return due.sort((a, b) => cards.get(a.id)!.due.getTime() - cards.get(b.id)!.due.getTime());
}

/** When the earliest card of the course is due (possibly already), or null if none was answered yet. */
export function nextDue(course: Course, cards: Cards): Date | null {
  let best: Date | null = null;
  for (const q of course.quizzes) {
    const card = cards.get(q.id);
    if (card && (best === null || card.due < best)) best = card.due;
  }
  return best;
}

/** How many of the course's questions were never answered (rated). */
export function newCount(course: Course, cards: Cards): number {
  return course.quizzes.filter((q) => !cards.has(q.id)).length;
}
