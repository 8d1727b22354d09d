/**
 * The interactive app: home screen and lesson reader. It gets everything it does to the outside
 * world through props (`record` appends to the progress log), so tests drive it with fake streams.
 */
import { Box, type Key, Text, useApp, useInput } from "ink";
import { type ReactNode, useEffect, useReducer, useRef, useState } from "react";
import type { Course, Lesson } from "../content/model.js";
import { courseStatus } from "../learning/course-status.js";
import type { ProgressEvent } from "../learning/progress-events.js";
import type { ProgressState } from "../learning/progress-state.js";
import { type AppAction, appReducer, initialApp, lastOpenedIndex } from "./app-state.js";
import { HelpOverlay, type HelpLayout, helpScroll } from "./HelpOverlay.js";
import { Home } from "./Home.js";
import { actionFor, goKeyFor, lessonShortcut } from "./keymap.js";
import { type Destination, destinationOf } from "./navigation.js";
import { markdownHead } from "./first-screen.js";
import { type Markdown, markdownIfLoaded, preloadMarkdown } from "./lazy-markdown.js";
import { lessonMarkdown } from "./plain/lesson-text.js";
import type { Layout } from "./markdown.js";
import { Reader } from "./Reader.js";
import { sideways } from "./reader-view.js";
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from "./TooSmall.js";
import { type AppControls, useRecorder, useSuspend } from "./use-app-effects.js";
import { usePositionSaver } from "./use-position-saver.js";
import { useTerminalSize } from "./use-terminal-size.js";

export interface AppProps {
  course: Course;
  progress: ProgressState;
  /** Appends one event to the progress log and returns the new state. */
  record: (event: ProgressEvent) => ProgressState;
  /** `home` may name the lesson to select (coming back from another screen). */
  initial: { screen: "home"; lesson?: string } | { screen: "reader"; lesson: string };
  color: boolean;
  /** The current time as an ISO string (injected so tests are deterministic). */
  now: () => string;
  /** Filled in by the app: what the terminal layer calls on signals (use-app-effects.ts). */
  controls?: AppControls;
  /** Ctrl+Z: suspends the process; resolves once it is resumed and the terminal is set up. */
  onSuspend?: () => Promise<void>;
  /** A line for home, e.g. why a screen the learner asked for did not open. */
  notice?: string;
  /** The shortest time between two saves of the reading position while reading. @default 1000 */
  saveEveryMs?: number;
}

/** What `waitUntilExit` resolves to when Ctrl+C ended the app (the CLI exits 130). */
export const QUIT_BY_CTRL_C = "ctrl+c";

/** Rows taken by the reader's title and status lines. */
const READER_CHROME = 2;

export function App(props: AppProps) {
  const { course, progress: initialProgress, record, initial, color, now, controls, onSuspend, saveEveryMs } = props;
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  // A failed write shows one line of warning at the bottom, taken from the screen's rows.
  const recorder = useRecorder(initialProgress, record);
  const { progress, save } = recorder;
  const warning = recorder.warning ?? props.notice ?? null;
  const warningRows = warning ? 1 : 0;
  const startIndex =
    initial.lesson !== undefined && course.lessons.some((l) => l.slug === initial.lesson)
      ? course.lessons.findIndex((l) => l.slug === initial.lesson)
      : initial.screen === "reader"
        ? 0
        : lastOpenedIndex(course.lessons, initialProgress);
  // One frame narrower than the terminal, one row shorter: Ink redraws in place only then.
  const bodyHeight = Math.max(1, rows - 1 - READER_CHROME - warningRows);
  // The markdown renderer loads after the first frame (the home screen never renders markdown);
  // a lesson opened before it is ready shows "Opening…" until it is (`opening`).
  const [markdown, setMarkdown] = useState<Markdown | undefined>(markdownIfLoaded);
  const [opening, setOpening] = useState<number | null>(() => (initial.screen === "reader" && !markdown ? startIndex : null));
  const openingRef = useRef(opening);
  openingRef.current = opening;
  // Rendering a lesson is the costly step: do it once per lesson and width, whether for the
  // line count when a lesson opens or for the lines on screen.
  const rendered = useRef(new Map<string, Layout>());
  // A lesson not laid out yet opens on a first screen laid out from the start of its text alone
  // (a few blocks: quick), and the whole lesson is laid out just after that frame; a key that
  // comes first waits for it (`finishFirstScreen`). The budget: Enter → reader within 100 ms.
  const [firstScreen, setFirstScreen] = useState<{ key: string; layout: Layout } | null>(null);
  const firstScreenRef = useRef(firstScreen);
  const layoutKey = (l: Lesson) => `${l.slug}:${Math.min(100, columns - 2)}`;
  const layoutOf = (l: Lesson, md: Markdown | undefined = markdown): Layout => {
    if (!md) return { width: 0, lines: [] };
    const width = Math.min(100, columns - 2);
    const key = `${l.slug}:${width}`;
    let out = rendered.current.get(key);
    if (!out && firstScreenRef.current?.key === key) return firstScreenRef.current.layout;
    if (!out) {
      out = md.layoutMarkdown(lessonMarkdown(l), { width, highlight: color });
      rendered.current.set(key, out);
    }
    return out;
  };
  const renderLines = (l: Lesson, md?: Markdown) => layoutOf(l, md ?? markdown).lines;
  const [state, dispatch] = useReducer(appReducer, undefined, () => {
    const s = initialApp(course.lessons.length, initial.screen, startIndex);
    if (initial.screen !== "reader" || !markdown) return s;
    const l = course.lessons[startIndex]!;
    const resume = initialProgress.lessons[l.slug]?.position ?? null;
    return appReducer(s, { type: "open", index: startIndex, height: bodyHeight, total: renderLines(l).length, resume });
  });
  const lesson = course.lessons[state.selected]!;
  const lines = state.screen === "reader" ? renderLines(lesson) : [];

  // Several keys can arrive before React re-renders (a paste, a held key, tmux send-keys), so
  // handlers read and advance this ref synchronously; React's state follows the same actions.
  const stateRef = useRef(state);
  stateRef.current = state;
  const act = (action: AppAction) => {
    stateRef.current = appReducer(stateRef.current, action);
    dispatch(action);
  };

  const open = (index: number) => {
    const target = course.lessons[index]!;
    save({ v: 1, type: "lesson-opened", at: now(), lesson: target.slug });
    if (markdown) show(index, markdown);
    else setOpening((openingRef.current = index));
  };
  const show = (index: number, md: Markdown) => {
    const target = course.lessons[index]!;
    const resume = progress.lessons[target.slug]?.position ?? null;
    const key = layoutKey(target);
    if (!rendered.current.has(key) && resume === null) {
      const source = lessonMarkdown(target);
      const head = markdownHead(source, Math.max(40, 2 * bodyHeight));
      const layout = head === source ? null : md.layoutMarkdown(head, { width: Math.min(100, columns - 2), highlight: color });
      if (layout && layout.lines.length > bodyHeight) {
        setFirstScreen((firstScreenRef.current = { key, layout }));
        return act({ type: "open", index, height: bodyHeight, total: layout.lines.length, resume });
      }
    }
    act({ type: "open", index, height: bodyHeight, total: renderLines(target, md).length, resume });
  };
  /** Lays out the whole lesson behind a first screen, now (before a key acts on it, or after the frame). */
  const finishFirstScreen = () => {
    const first = firstScreenRef.current;
    if (!first) return;
    firstScreenRef.current = null;
    setFirstScreen(null);
    const s = stateRef.current;
    const l = course.lessons[s.selected]!;
    if (layoutKey(l) !== first.key || !s.reader) return; // moved on (resized, another lesson)
    act({ type: "reader", action: { type: "resize", height: s.reader.height, total: renderLines(l).length } });
  };
  useEffect(() => {
    if (!firstScreen) return;
    const timer = setTimeout(finishFirstScreen, 0);
    return () => clearTimeout(timer);
  }, [firstScreen]);

  // Load the markdown renderer once the first frame is out; open the lesson waiting for it.
  useEffect(() => {
    if (markdown) return;
    let mounted = true;
    void preloadMarkdown().then((md) => {
      // The bundled course reads its long texts on first use (content/course-index.ts): now,
      // while nothing waits, rather than on the first Enter.
      void course.lessons[0]?.body;
      if (mounted) setMarkdown(md);
    });
    return () => {
      mounted = false;
    };
  }, []);
  useEffect(() => {
    if (!markdown || opening === null) return;
    show(opening, markdown);
    setOpening((openingRef.current = null));
  }, [markdown, opening]);

  // The position is saved as the reader moves (at most once a second) and on leaving it, so
  // closing the terminal or a kill loses at most a second of scrolling.
  // (Not while a first screen stands in for the lesson: its line count is not the lesson's.)
  const spot =
    state.screen === "reader" && state.reader && !firstScreen ? { slug: lesson.slug, line: state.reader.top, of: state.reader.total } : null;
  const positions = usePositionSaver(
    spot,
    (p) => save({ v: 1, type: "reading-position", at: now(), lesson: p.slug, line: p.line, of: p.of }),
    saveEveryMs,
  );
  const leaveReader = () => {
    const { reader: r, selected } = stateRef.current;
    if (r) positions.saveNow({ slug: course.lessons[selected]!.slug, line: r.top, of: r.total });
  };
  const suspender = useSuspend(onSuspend);
  if (controls) {
    controls.flush = leaveReader;
    controls.suspend = suspender.suspend;
  }

  // The lesson named on the command line is open from the first frame; record that once.
  useEffect(() => {
    if (initial.screen === "reader") save({ v: 1, type: "lesson-opened", at: now(), lesson: lesson.slug });
  }, []);

  // Re-lay out on resize: the text re-wraps, so the line count changes.
  useEffect(() => {
    if (state.reader && (state.reader.height !== bodyHeight || state.reader.total !== lines.length)) {
      dispatch({ type: "reader", action: { type: "resize", height: bodyHeight, total: lines.length } });
    }
  }, [bodyHeight, lines.length, state.reader]);

  // Reaching the end marks the lesson read, once.
  useEffect(() => {
    if (state.reader?.reachedEnd && !progress.lessons[lesson.slug]?.read) {
      save({ v: 1, type: "lesson-finished", at: now(), lesson: lesson.slug });
    }
  }, [state.reader?.reachedEnd, lesson.slug]);

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const helpLayout: HelpLayout = {
    screen: state.screen,
    backQuits: state.readerBack === "exit",
    columns: columns - 1,
    rows: rows - 1 - warningRows,
  };
  const framed = (screen: ReactNode) =>
    warning ? (
      <Box flexDirection="column">
        {screen}
        <Text color="yellow" wrap="truncate-end">
          {warning}
        </Text>
      </Box>
    ) : (
      screen
    );

  // Keys typed quickly (or pasted) can arrive as one chunk: take them one at a time.
  useInput((input, key) => {
    if (input.length > 1 && !key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input)) {
      for (const ch of input) handleKey(ch, { ...key, shift: ch !== ch.toLowerCase() });
      return;
    }
    handleKey(input, key);
  });

  function handleKey(input: string, key: Key) {
    finishFirstScreen();
    const action = actionFor(input, key);
    const s = stateRef.current;
    if (openingRef.current !== null && action !== "quit") {
      // Only a way out while the lesson is being laid out.
      if (action !== "back") return;
      setOpening((openingRef.current = null));
      if (s.readerBack === "exit") exit();
      return;
    }
    if (action === "quit") {
      if (s.screen === "reader") leaveReader();
      exit(QUIT_BY_CTRL_C);
      return;
    }
    if (action === "suspend") return suspender.suspend();
    if (s.help) {
      const to = helpScroll(action, s.helpTop, helpLayout);
      return act(to === null ? { type: "toggleHelp" } : { type: "helpScroll", top: to });
    }
    if (action === "help") return act({ type: "toggleHelp" });
    const go = tooSmall ? null : goKeyFor(s.screen === "reader" ? "reader" : "home", input);
    if (go) {
      const here = course.lessons[s.selected]!;
      let to: Destination | null;
      if (go === "continue") {
        const next = courseStatus(course, progress, new Date(now())).next;
        to = destinationOf(next);
        if (to === null && next.kind === "read") return open(next.lesson - 1);
      } else if (go === "exercise") to = { screen: "exercise", lesson: here.number };
      else if (go === "quiz") to = { screen: "quiz", lesson: here.number };
      else to = { screen: go };
      if (s.screen === "reader") leaveReader();
      return exit({ go: to, lesson: here.slug });
    }
    if (s.screen === "home" || tooSmall) {
      if (action === "back" && (s.screen === "home" || s.readerBack === "exit")) {
        if (s.screen === "reader") leaveReader();
        return exit();
      }
      if (tooSmall) return;
      const n = lessonShortcut(input);
      if (n !== null && n <= course.lessons.length) return open(n - 1);
      if (action === "up") return act({ type: "select", index: s.selected - 1 });
      if (action === "down") return act({ type: "select", index: s.selected + 1 });
      if (action === "open") return open(s.selected);
      return;
    }
    if ((action === "left" || action === "right") && s.reader) {
      // How far wide code can scroll depends on the lines on screen now.
      const { lines: all, width } = layoutOf(course.lessons[s.selected]!);
      const { maxLeft, step } = sideways(all, s.reader.top, s.reader.height, width);
      return act({ type: "reader", action: { type: action === "left" ? "scrollLeft" : "scrollRight", maxLeft, step } });
    }
    const readerActions: Partial<Record<string, AppAction>> = {
      up: { type: "reader", action: { type: "lineUp" } },
      down: { type: "reader", action: { type: "lineDown" } },
      pageUp: { type: "reader", action: { type: "pageUp" } },
      pageDown: { type: "reader", action: { type: "pageDown" } },
      top: { type: "reader", action: { type: "top" } },
      bottom: { type: "reader", action: { type: "bottom" } },
    };
    const readerAction = action ? readerActions[action] : undefined;
    if (readerAction) return act(readerAction);
    if (action === "back") {
      leaveReader();
      if (s.readerBack === "exit") return exit();
      return act({ type: "home" });
    }
    if (action === "next" || action === "previous") {
      const target = s.selected + (action === "next" ? 1 : -1);
      if (target < 0 || target >= course.lessons.length) return;
      leaveReader();
      open(target);
    }
  }

  if (suspender.blank) return null;
  if (tooSmall) return <TooSmall columns={columns} rows={rows} />;
  if (state.help) return framed(<HelpOverlay layout={helpLayout} top={state.helpTop} />);
  if (opening !== null) return <Text wrap="truncate-end">Opening lesson {opening + 1}…</Text>;
  if (state.screen === "reader" && state.reader) {
    return framed(
      <Reader
        lesson={lesson}
        layout={layoutOf(lesson)}
        state={state.reader}
        columns={columns - 1}
        color={color}
        backQuits={state.readerBack === "exit"}
      />,
    );
  }
  return framed(
    <Box>
      <Home status={courseStatus(course, progress, new Date(now()))} selected={state.selected} columns={columns - 1} rows={rows - 1 - warningRows} />
    </Box>,
  );
}
