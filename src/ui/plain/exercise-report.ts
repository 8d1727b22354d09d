/**
 * An exercise run's report as the learner reads it (verify, the exercise screen): the words of
 * src/exercises/report.ts, then, when the failing property showed its brokers, pictures of
 * their state at the end of the smallest failing case.
 */
import { reportLines } from "../../exercises/report.js";
import { firstFailure, type RunResult } from "../../exercises/result.js";
import { wrap } from "./wrap-text.js";
import { drawPictures, type ResourcePicture } from "../pictures/broker-pictures.js";

export function exerciseReport(result: RunResult, id: string, width: number, ascii = false): string[] {
  // Long lines continue under their own indentation: nothing is cut at any width.
  const lines = reportLines(result, { id }).flatMap((l) => wrap(l, width, Math.min(8, l.length - l.trimStart().length + 2)).split("\n"));
  const pictures = firstFailure(result)?.pictures as ResourcePicture[] | undefined;
  if (!pictures?.length) return lines;
  // Under the failure's story, before the checklist.
  const at = lines.indexOf("Checks:");
  const drawn = ["", "The broker at the end of that case:", ...drawPictures(pictures, { width, ascii })];
  return at > 0 ? [...lines.slice(0, at - 1), ...drawn, ...lines.slice(at - 1)] : [...lines, ...drawn];
}
