export * from './types';
export { caseProblems, assertCase, parseCase, CaseError, InvalidCaseError } from './validate';
export {
  emptyCase,
  sameTarget,
  addNote,
  editNote,
  deleteNote,
  notesAbout,
  flagStatus,
  setFlagStatus,
  statusCounts,
  saveView,
  renameView,
  deleteView,
  moveView,
  setTitle,
  orphans,
  judgementOf,
  setJudgement,
  pairKey,
} from './ops';
export { serializeCase } from './serialize';
