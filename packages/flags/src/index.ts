export * from './types';
export { RULES, robustZ, LeaveOneOut } from './rules';
export { evaluateFlags, FLAG_DISCLAIMER, type FlagsResult } from './evaluate';
export { buildContext, watchMatcher, GROUP_TIES } from './context';
export { loadRules, parseRules, validateRules, effectiveRules, extendReference, checkParam, EMPTY_CONFIG, type RulesConfig, type RuleOverride } from './config';
export { loadReference, parseReference, ownFitRows, isSection, ISIC_SECTIONS, DEFAULT_REFERENCE_DIR, type ReferenceData, type WatchItem, type SectorFit, type SectorKeyword } from './reference';
export { FlagsError, RulesFileError, ReferenceDataError, type RulesProblem } from './errors';
export { fold, showHs, showMoney, showMoneyTotals } from './text';
export { renderRulesMarkdown } from './docs';
