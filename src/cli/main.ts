// Placeholder entry so the build runs; replaced by the real program.
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`mqtutor ${argv.join(" ")}\n`);
  return 0;
}
