/**
 * The progress screen: the same figures as `mqtutor progress` (lessons, quiz cards with the
 * 14-day forecast drawn as a chart, retention, streak, leeches, exercises), scrollable so
 * nothing is cut at any size. The lines are made by the caller from the plain renderers.
 */
import { Box, Text, useApp, useInput } from "ink";
import { useState } from "react";
import { useTerminalSize } from "../../use-terminal-size.js";

export interface ProgressScreenProps {
  /** Lines for a width (re-made on resize). */
  linesFor: (width: number) => string[];
}

export function ProgressScreen({ linesFor }: ProgressScreenProps) {
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();
  const width = Math.max(20, Math.min(100, columns - 1));
  const lines = linesFor(width);
  const body = Math.max(3, rows - 2);
  const max = Math.max(0, lines.length - body);
  const [top, setTop] = useState(0);
  const at = Math.min(top, max);
  useInput((input, key) => {
    if (key.ctrl && input === "c") return exit("ctrl+c");
    if (key.escape || input === "q") return exit();
    if (key.upArrow || input === "k") setTop(Math.max(0, at - 1));
    if (key.downArrow || input === "j") setTop(Math.min(max, at + 1));
    if (key.pageDown || input === " ") setTop(Math.min(max, at + body));
    if (key.pageUp || input === "b") setTop(Math.max(0, at - body));
  });
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" height={body}>
        {lines.slice(at, at + body).map((l, i) => (
          <Text key={i} wrap="truncate-end">
            {l === "" ? " " : l}
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">
        {`${max > 0 ? `lines ${at + 1}-${Math.min(lines.length, at + body)} of ${lines.length} · j/k scroll · ` : ""}q back`}
      </Text>
    </Box>
  );
}

/** Mounts the screen with Ink and resolves when the learner leaves it. */
/** Mounts the screen with Ink; resolves to true when the learner pressed Ctrl+C (leave the app). */
export async function mountProgress(linesFor: (width: number) => string[], streams: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream }): Promise<boolean> {
  const { render } = await import("ink");
  const instance = render(<ProgressScreen linesFor={linesFor} />, { ...streams, exitOnCtrlC: false, patchConsole: false });
  return (await instance.waitUntilExit()) === "ctrl+c";
}
