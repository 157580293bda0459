/**
 * How far along a long computation is: `done` of `total` steps, and what the last step did, in words for a person
 * ("the maximum flow in kg found"). `total` is left out when the number of steps is not known ahead (Louvain's
 * levels). The engine prints nothing: a caller that shows progress passes a function that takes these.
 */
export interface ProgressStep {
  done: number;
  total?: number;
  words: string;
}

export type OnStep = (step: ProgressStep) => void;

/** How far along, without the words (a caller's own message says them): what progress callbacks pass on. */
export type StepCount = Pick<ProgressStep, 'done' | 'total'>;

/** A step as a line for a person: "finding clusters (Louvain): pass 1, level 2: …", "…: the maximum flow in kg found (step 1 of 15)". */
export function stepText(stage: string, step: ProgressStep): string {
  return `${stage}: ${step.words}${step.total === undefined ? '' : ` (step ${step.done} of ${step.total})`}`;
}

/** The steps of a stage given to a caller's progress function, as lines that name the stage. */
export function stepsOf(stage: string, progress: ((message: string, step?: ProgressStep) => void) | undefined): OnStep | undefined {
  return progress === undefined ? undefined : (step) => progress(stepText(stage, step), step);
}

/** A count as words: "1 tie", "14,000,000 ties". */
export function countWords(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
