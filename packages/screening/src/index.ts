export * from './types';
export { ScreeningError, InvalidListError } from './errors';
export { readList, partyKind, listDate, type ReadListOptions } from './list';
export { prepareName, prescript, consonantKey, canonicalGivenName, tokenKeys, type PreparedName } from './names';
export { screenEntities, compareScreeningNames, ListIndex, SCREENING_DEFAULTS, IDENTIFIER_WEIGHTS, ENTITY_IDENTIFIER_COLUMNS } from './match';
