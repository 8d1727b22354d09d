/** `NN-slug`: two digits, a dash, lowercase words joined by dashes, at least one letter. */
const NN_SLUG = /^(\d{2})-((?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The number and slug of a well-formed name. */
export interface NumberedName {
  number: number;
  slug: string;
}

/** Parses `03-dead-letter-queues` (a folder name, or a file name without `.md`). */
export function parseNumberedName(name: string): NumberedName | undefined {
  const m = NN_SLUG.exec(name);
  if (!m?.[1] || !m[2]) return undefined;
  return { number: Number(m[1]), slug: m[2] };
}

/** The rule for a badly named file or folder, with an example of a good name. */
export function nameRule(kind: "file" | "folder", example: string): string {
  return kind === "file"
    ? `must be NN-slug.md: two digits, a dash, lowercase words joined by dashes (e.g. ${example})`
    : `must be NN-slug: two digits, a dash, lowercase words joined by dashes (e.g. ${example})`;
}

/** `03` for 3: how numbers appear in file names. */
export const twoDigits = (n: number): string => String(n).padStart(2, "0");
