import { Box, Text } from "ink";

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

/** Shown instead of a screen when the terminal cannot hold it; resizing brings the screen back. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        Terminal too small ({columns}×{rows}).
      </Text>
      <Text wrap="wrap">
        Make it at least {MIN_COLUMNS}×{MIN_ROWS}, or press q to quit.
      </Text>
    </Box>
  );
}
