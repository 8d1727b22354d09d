/**
 * Drives the real binary in a real terminal (tmux), the way a learner sees it. Each session
 * gets its own tmux server socket so parallel test files never collide.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { bin } from "./binary.js";

export function hasTmux(): boolean {
  return spawnSync("tmux", ["-V"]).status === 0;
}

let counter = 0;

export class TmuxSession {
  readonly socket = `mqtutor-test-${process.pid}-${++counter}`;
  readonly name = "t";

  constructor(args: string[], env: Record<string, string>, size = { columns: 80, rows: 24 }) {
    // ink renders only its last frame when CI is set, so the child must not see CI.
    const envArgs = Object.entries({ TERM: "xterm-256color", LANG: "C.UTF-8", ...env }).map(([k, v]) => `${k}=${v}`);
    const command = ["env", "-u", "CI", ...envArgs, process.execPath, bin, ...args].map(quote).join(" ");
    this.tmux(["new-session", "-d", "-s", this.name, "-x", String(size.columns), "-y", String(size.rows), `${command}; echo "[exit $?]"; sleep 30`]);
  }

  private tmux(args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  }

  screen(): string {
    return this.tmux(["capture-pane", "-p", "-t", this.name]);
  }

  send(...keys: string[]): void {
    this.tmux(["send-keys", "-t", this.name, ...keys]);
  }

  resize(columns: number, rows: number): void {
    this.tmux(["resize-window", "-t", this.name, "-x", String(columns), "-y", String(rows)]);
  }

  async waitFor(predicate: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const start = Date.now();
    let screen = this.screen();
    while (!predicate(screen)) {
      if (Date.now() - start > timeoutMs) throw new Error(`Screen never matched. Last screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
      screen = this.screen();
    }
    return screen;
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
