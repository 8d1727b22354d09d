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

  /**
   * Runs `mqtutor <args>` in a new terminal; the pane then shows "[exit N]". With `shell`, it
   * starts an interactive bash instead (job control: Ctrl+Z, fg) and `args` are ignored: type
   * the command with {@link TmuxSession.run}.
   */
  constructor(args: string[], env: Record<string, string>, size = { columns: 80, rows: 24 }, opts: { shell?: boolean } = {}) {
    // ink renders only its last frame when CI is set, so the child must not see CI.
    const envArgs = Object.entries({ TERM: "xterm-256color", LANG: "C.UTF-8", ...env }).map(([k, v]) => `${k}=${v}`);
    const command = opts.shell
      ? ["env", "-u", "CI", ...envArgs, "PS1=$ ", "bash", "--norc", "--noprofile", "-i"].map(quote).join(" ")
      : `${["env", "-u", "CI", ...envArgs, process.execPath, bin, ...args].map(quote).join(" ")}; echo "[exit $?]"; sleep 30`;
    this.tmux(["new-session", "-d", "-s", this.name, "-x", String(size.columns), "-y", String(size.rows), command]);
  }

  /**
   * In a shell session: types `mqtutor <args>` and Enter (a plain command, not a list, so the
   * shell's job control sees mqtutor itself); or, with no args, any `line`.
   */
  run(args: string[], line = [process.execPath, bin, ...args].map(quote).join(" ")): void {
    this.tmux(["send-keys", "-t", this.name, "-l", line]);
    this.tmux(["send-keys", "-t", this.name, "Enter"]);
  }

  /** The pid of the process the pane runs (mqtutor, or the shell in a shell session). */
  panePid(): number {
    return Number(this.tmux(["display-message", "-p", "-t", this.name, "#{pane_pid}"]).trim());
  }

  /** The pid of mqtutor itself: the pane's node process, or the one its shell started. */
  appPid(): number {
    const pane = this.panePid();
    const children = spawnSync("pgrep", ["-P", String(pane), "-f", bin], { encoding: "utf8" }).stdout.trim().split("\n");
    return Number(children[0] || pane);
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
