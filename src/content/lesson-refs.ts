import type { FieldProblem } from "./issues.js";

/** The lessons that exist, by number and by slug, for resolving `lesson:` fields. */
export class LessonRefs {
  private readonly byNumber = new Map<number, string>();
  private readonly bySlug = new Map<string, number>();

  /** The first lesson to claim a number or a slug keeps it; duplicates are reported elsewhere. */
  add(number: number, slug: string): void {
    if (!this.byNumber.has(number)) this.byNumber.set(number, slug);
    if (!this.bySlug.has(slug)) this.bySlug.set(slug, number);
  }

  /** The lesson number that a `lesson:` value names, or the problem with it. */
  resolve(ref: number | string): { number: number } | { problem: FieldProblem } {
    const where = `front matter: "lesson"`;
    const asNumber = typeof ref === "number" ? ref : /^\d+$/.test(ref) ? Number(ref) : undefined;
    if (asNumber !== undefined) {
      if (this.byNumber.has(asNumber)) return { number: asNumber };
      const known = this.byNumber.size === 0 ? "the course has no lessons" : this.numberRange();
      return { problem: { where, rule: `names no lesson: there is no lesson ${asNumber} (${known})` } };
    }
    const n = this.bySlug.get(ref as string);
    if (n !== undefined) return { number: n };
    return { problem: { where, rule: `names no lesson: no lesson has the slug "${ref}"` } };
  }

  private numberRange(): string {
    const numbers = [...this.byNumber.keys()].sort((a, b) => a - b);
    return numbers.length === 1
      ? `the only lesson is ${numbers[0]}`
      : `lessons are ${numbers[0]}..${numbers[numbers.length - 1]}`;
  }
}
