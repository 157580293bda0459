export * from './types';
export { ScreeningError, InvalidListError } from './errors';
export { readList, partyKind, listDate, type ReadListOptions } from './list';
export { prepareName, prescript, consonantKey, canonicalGivenName, translitFold, isPatronymic, tokenKeys, type PreparedName } from './names';
export { screenEntities, compareScreeningNames, comparePersonNames, sameRegistration, isLei, ListIndex, SCREENING_DEFAULTS, IDENTIFIER_WEIGHTS, ENTITY_IDENTIFIER_COLUMNS, NAME_MARGIN, REGISTRATION_NAME_FLOOR } from './match';
