/**
 * What the learner has done, lesson by lesson: plain data collected once, then printed for
 * people or as JSON from the same object (the shadcn `info` habit).
 */
import type { Course } from "../content/model.js";
import type { ProgressState } from "./progress-state.js";

export interface LessonStatus {
  /** The lesson's slug: what `read <id>` accepts besides the number. */
  id: string;
  number: number;
  title: string;
  summary: string;
  minutes: number;
  read: boolean;
  /** Reading position as a fraction 0..1, or null if never scrolled. */
  position: number | null;
}

export interface CourseStatus {
  lessons: LessonStatus[];
  lessonsRead: number;
}

export function courseStatus(course: Course, progress: ProgressState): CourseStatus {
  const lessons = course.lessons.map((l): LessonStatus => {
    const p = progress.lessons[l.slug];
    const pos = p?.position;
    return {
      id: l.slug,
      number: l.number,
      title: l.title,
      summary: l.summary,
      minutes: l.minutes,
      read: p?.read ?? false,
      position: pos && pos.of > 0 ? Math.min(1, pos.line / pos.of) : null,
    };
  });
  return { lessons, lessonsRead: lessons.filter((l) => l.read).length };
}
