export { fold, skeleton } from './fold';
export { LEGAL_FORMS, PERSON_TITLES, ABBREVIATIONS, type LegalFormRow } from './legal-forms';
export { VOCABULARY, SPELLING_VARIANTS } from './vocabulary';
export { singularForms, sharedSingular, isVocabularyWord, editDistance } from './words';
export { normalizeName, nameTokens, STOPWORDS, WEAK_TOKENS, type NormalizeOptions } from './normalize';
export { nameSimilarity, compareNames, tokenOverlap, tokenSimilarity, compactSimilarity, type CompareOptions, type NameComparison } from './similarity';
export { scorePair, scorePrepared, prepare, corroborated, phoneKey, registrationKey, EVIDENCE, type MatchRecord, type PairScore, type Prepared } from './score';
export {
  resolveEntities,
  matchEntities,
  matchNames,
  namesakesAcrossBorders,
  BUSY_ADDRESS_KEPT,
  COMMON_NAMES_LISTED,
  NAMESAKES,
  namesInTwoScripts,
  TWO_SCRIPTS,
  blockingKeys,
  candidatePairs,
  type ResolveOptions,
  type ResolveResult,
  type ScoredPair,
  type Merge,
  type PossibleMatch,
  type Judgement,
  type JudgementsApplied,
  type CommonNames,
  type CommonCompanyNames,
  type NameMatches,
} from './resolve';
export { judgementWords } from './judgements';
export {
  geocode,
  lookupCity,
  withoutPostalCode,
  nearSpellings,
  oneEditApart,
  NEAR_SPELLING_MIN_POPULATION,
  NEAR_SPELLING_MIN_LENGTH,
  placeKeys,
  spellingKey,
  arabicSpellingKey,
  arabicSpellingKeys,
  hasArabicLetters,
  type GeocodeOptions,
  type GeocodeResult,
  type Geocoded,
  type CityRecord,
} from './geocode';
