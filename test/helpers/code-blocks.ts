/** Fenced code blocks of a markdown body, with the opt-out marker that may precede one. */
export interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line of the opening fence in the body. */
  line: number;
  /** False when the line before the fence is `<!-- no-run: reason -->`. */
  runnable: boolean;
  /** The reason given in a no-run marker. */
  noRunReason?: string;
}

export function codeBlocks(body: string): CodeBlock[] {
  const lines = body.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    const code: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith(fence); i++) code.push(lines[i]!);
    const marker = /^<!--\s*no-run:\s*(.+?)\s*-->$/.exec(lines[start - 1]?.trim() ?? "");
    blocks.push({
      lang: open[2] ?? "",
      code: code.join("\n"),
      line: start + 1,
      runnable: !marker,
      ...(marker ? { noRunReason: marker[1] } : {}),
    });
  }
  return blocks;
}
