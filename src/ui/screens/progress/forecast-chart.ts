/**
 * The 14-day review forecast as a small bar chart, one row per day, so it reads the same
 * without colour: `Mon 12-07 ███ 3`.
 */
export function forecastChart(forecast: readonly { day: string; due: number }[], width: number, ascii = false): string[] {
  const most = Math.max(1, ...forecast.map((f) => f.due));
  const room = Math.max(1, width - 18);
  const block = ascii ? "#" : "█";
  return forecast.map((f) => {
    const d = new Date(`${f.day}T12:00:00Z`);
    const name = d.toLocaleDateString("en-GB", { weekday: "short", timeZone: "UTC" });
    const n = Math.round((f.due / most) * room);
    return `${name} ${f.day.slice(5)} ${block.repeat(n)}${n ? " " : ""}${f.due}`;
  });
}
