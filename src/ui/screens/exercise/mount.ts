/** Mounts the exercise screen with Ink; imported only when an exercise opens. */
import { render } from "ink";
import { createElement } from "react";
import { ExerciseScreen, type ExerciseScreenProps } from "./ExerciseScreen.js";

export function mountExercise(
  props: Omit<ExerciseScreenProps, "onExit">,
  streams: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream },
): Promise<string | null> {
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
  return instance.waitUntilExit().then(() => next);
}
