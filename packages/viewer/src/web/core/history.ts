/**
 * Undo and redo: the states of the working view, in order, and where we are. Pure; the app keeps one, moves
 * through it with Ctrl+Z / Ctrl+Shift+Z and the browser's Back and Forward (each state is also a browser history
 * entry, whose step number says where in here it is).
 */
export interface History<T> {
  entries: T[];
  index: number;
  /** The step number of entries[0] (older steps were let go); step numbers never change. */
  base: number;
}

/** The present state's step number (what the browser history entry carries). */
export const step = <T>(h: History<T>) => h.base + h.index;

/** How many states are kept (the oldest are let go). */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(state: T): History<T> {
  return { entries: [state], index: 0, base: 0 };
}

export function present<T>(h: History<T>): T {
  return h.entries[h.index];
}

/** A new state after the present one: what could be redone is let go. An equal state (by `same`) changes nothing. */
export function record<T>(h: History<T>, state: T, same: (a: T, b: T) => boolean = Object.is, limit = HISTORY_LIMIT): History<T> {
  if (same(present(h), state)) return h;
  const entries = [...h.entries.slice(0, h.index + 1), state];
  const drop = Math.max(0, entries.length - limit);
  return { entries: entries.slice(drop), index: entries.length - 1 - drop, base: h.base + drop };
}

/** Replaces the present state (a change that is not a step of its own, such as the selection). */
export function replace<T>(h: History<T>, state: T): History<T> {
  const entries = [...h.entries];
  entries[h.index] = state;
  return { ...h, entries };
}

export const canUndo = <T>(h: History<T>) => h.index > 0;
export const canRedo = <T>(h: History<T>) => h.index < h.entries.length - 1;

export function undo<T>(h: History<T>): History<T> {
  return canUndo(h) ? { ...h, index: h.index - 1 } : h;
}

export function redo<T>(h: History<T>): History<T> {
  return canRedo(h) ? { ...h, index: h.index + 1 } : h;
}

/** Goes to a step number (Back and Forward may jump several); null when the step is not in this history. */
export function goTo<T>(h: History<T>, stepNumber: number): History<T> | null {
  const index = stepNumber - h.base;
  return Number.isInteger(index) && index >= 0 && index < h.entries.length ? { ...h, index } : null;
}
