/** Mounts the exercise screen with Ink; imported only when an exercise opens. */
import { render } from "ink";
import { createElement } from "react";
import { ExerciseScreen, type ExerciseScreenProps, QUIT_BY_CTRL_C } from "./ExerciseScreen.js";

/** Resolved by {@link mountExercise} when the learner pressed Ctrl+C: leave the whole app. */
export const QUIT = Symbol("quit");

export function mountExercise(
  props: Omit<ExerciseScreenProps, "onExit">,
  streams: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream },
): Promise<string | null | typeof QUIT> {
  let next: string | null = null;
  const instance = render(
    createElement(ExerciseScreen, {
      ...props,
      onExit: (slug: string | null) => {
        next = slug;
        instance.unmount();
      },
    }),
    { ...streams, exitOnCtrlC: false, patchConsole: false },
  );
  return instance.waitUntilExit().then((result) => (result === QUIT_BY_CTRL_C ? QUIT : next));
}
