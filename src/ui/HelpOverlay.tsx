import { Box, Text } from "ink";
import { bindings } from "./keymap.js";

/** The keys, listed from the one keymap; any key closes it. */
export function HelpOverlay({ height }: { height: number }) {
  const rows = bindings.slice(0, Math.max(1, height - 3));
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>Keys</Text>
      {rows.map((b) => (
        <Text key={b.keys} wrap="truncate-end">
          {b.keys.padEnd(12)} {b.label}
        </Text>
      ))}
    </Box>
  );
}
