import jaroWinkler from 'talisman/metrics/jaro-winkler';
import type { Entity } from '@chokepoint/model';
import { fold } from './fold';
import { nameTokens } from './normalize';
import { compareNames } from './similarity';

/**
 * What matching reads of an entity: its kind, name, place and the attributes `phone` and `registration_number`. A
 * whole Entity is one; so is the slimmer record a worker thread is sent.
 */
export type MatchRecord = Pick<Entity, 'id' | 'kind' | 'name' | 'country' | 'city' | 'address' | 'attributes'>;

/** What the scorer reads from an entity, computed once. */
export interface Prepared {
  entity: MatchRecord;
  index: number;
  country?: string;
  tokens: string[];
  city?: string;
  address?: string;
  /** The numbers of the address (its runs of digits, in order): a house, a building, a postal code. */
  addressNumbers?: string;
  /**
   * How many records of the input give this address, when more than BUSY_ADDRESS_KEPT do (set by matchNames): a
   * business centre's or an agent's address, which adds nothing to a pair's score.
   */
  addressShared?: number;
  phone?: string;
  registration?: string;
  /** The words of the name that hold a digit, each once (see `EVIDENCE.differentNumbers`). */
  numbers: readonly string[];
}

/** Adjustments of the name similarity by the other evidence (documented in docs/resolution.md). */
export const EVIDENCE = {
  sameRegistration: 0.15,
  differentRegistration: -0.25,
  samePhone: 0.08,
  sameAddress: 0.08,
  sameCity: 0.02,
  differentCity: -0.06,
  /**
   * The most two companies (or organizations) in two cities score with nothing but their names in common (no
   * registration number, phone or address): 0.90, left for review rather than merged. A firm of a name in one city and
   * a firm of that name in another scored 0.94 and were merged (a hand-written bundle had four `Al Noor Trading` in
   * four Turkish cities made one firm). Persons never merge on a name alone anyway.
   */
  twoCitiesAtMost: 0.9,
  differentCountry: -0.2,
  /** Persons: a name alone is weak evidence (namesakes are common). */
  person: -0.12,
  /**
   * Names that each carry a number the other lacks (`Çiftlik 10 Tarım` and `Çiftlik 100 Tarım`, `Depo 1` and `Depo 2`):
   * numbers tell branches, plots and series apart, so the rest of the names being alike says little. Not applied when
   * the registration numbers agree.
   */
  differentNumbers: -0.3,
} as const;

const NO_NUMBERS: readonly string[] = [];

/** The words of a name that hold a digit, in order, each once (`10`, `2b`, `1998`); most names share one empty list. */
function numbersOf(tokens: readonly string[]): readonly string[] {
  const numbers = tokens.filter((t) => /\d/.test(t));
  return numbers.length === 0 ? NO_NUMBERS : [...new Set(numbers)];
}

function attribute(e: MatchRecord, key: string): string | undefined {
  const v = e.attributes?.[key];
  return v !== undefined && v.trim() !== '' ? v : undefined;
}

/** The last nine digits of a phone number (drops country and trunk prefixes), when it has 7 or more. */
export function phoneKey(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-9) : undefined;
}

/** A registration number without spaces, dots, dashes or case. */
export function registrationKey(value: string | undefined): string | undefined {
  // A number a spreadsheet wrote in scientific notation (1.23457E+11) lost its last digits: not compared.
  if (!value || /^\d(?:[.,]\d+)?E\+?\d+$/i.test(value.trim())) return undefined;
  const key = fold(value).replace(/ /g, '');
  return key.length >= 3 ? key : undefined;
}

/** The country key of an entity (upper case), as matching compares them. */
export function countryKey(entity: MatchRecord): string | undefined {
  return entity.country ? entity.country.toUpperCase() : undefined;
}

/** The registration number of an entity as matching compares them (see registrationKey). */
export function entityRegistration(entity: MatchRecord): string | undefined {
  return registrationKey(attribute(entity, 'registration_number'));
}

export function prepare(entity: MatchRecord, index: number): Prepared {
  const country = countryKey(entity);
  const city = entity.city ? fold(entity.city) : '';
  const address = entity.address ? fold(entity.address) : '';
  const tokens = nameTokens(entity.name, country, entity.kind === 'person' ? { legalForms: false, titles: true } : {});
  return {
    entity,
    index,
    country,
    tokens,
    city: city || undefined,
    address: address || undefined,
    addressNumbers: address ? (address.match(/\d+/g) ?? []).join(' ') : undefined,
    phone: phoneKey(attribute(entity, 'phone')),
    registration: entityRegistration(entity),
    numbers: numbersOf(tokens),
  };
}

/**
 * Whether two records give one address: the same, or alike enough (Jaro–Winkler 0.95 or more, folded) with the same
 * numbers (`Sanayi Cd. No:4` and `Sanayi Caddesi No 4`). `Lenina 5, Kazan` and `Lenina 15, Kazan` are alike letter for
 * letter but are two buildings: firms of one common name on one street are not one firm for that.
 */
function sameAddress(a: Prepared, b: Prepared): boolean {
  return a.address !== undefined && b.address !== undefined && (a.address === b.address || (a.addressNumbers === b.addressNumbers && jaroWinkler(a.address, b.address) >= 0.95));
}

/**
 * Whether two records share something besides their names that tells one entity: a registration number, a phone or an
 * address (what raises a pair's score; a country or a city is shared by too many).
 */
export function corroborated(a: Prepared, b: Prepared): boolean {
  return (a.registration !== undefined && a.registration === b.registration) || (a.phone !== undefined && a.phone === b.phone) || sameAddress(a, b);
}

export interface PairScore {
  score: number;
  evidence: string[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Scores whether two entities are the same, in [0, 1], with the evidence in words. Different kinds
 * score 0. The name similarity of the normalized names is adjusted by registration number, phone,
 * address, city and country, and lowered for persons.
 */
export function scorePrepared(a: Prepared, b: Prepared): PairScore {
  if (a.entity.kind !== b.entity.kind) return { score: 0, evidence: ['different kinds'] };
  const { score: name, notes } = compareNames(a.tokens, b.tokens, { plurals: a.entity.kind !== 'person' });
  const evidence: string[] = [];
  const na = a.tokens.join(' ');
  const nb = b.tokens.join(' ');
  evidence.push(na === nb ? `same normalized name "${na}"` : `names "${na}" ~ "${nb}" (${round(name)}${notes.length > 0 ? `: ${notes.join('; ')}` : ''})`);
  let score = name;
  const sameRegistration = a.registration !== undefined && a.registration === b.registration;
  const { numbers: numbersA } = a;
  const { numbers: numbersB } = b;
  if (!sameRegistration && numbersA.some((n) => !numbersB.includes(n)) && numbersB.some((n) => !numbersA.includes(n))) {
    score += EVIDENCE.differentNumbers;
    evidence.push(`different numbers in the names: ${numbersA.join(' ')} / ${numbersB.join(' ')}`);
  }
  if (a.registration && b.registration) {
    if (a.registration === b.registration) {
      score += EVIDENCE.sameRegistration;
      evidence.push(`same registration number ${a.entity.attributes.registration_number}`);
    } else {
      score += EVIDENCE.differentRegistration;
      evidence.push('different registration numbers');
    }
  }
  const samePhone = a.phone !== undefined && a.phone === b.phone;
  if (samePhone) {
    score += EVIDENCE.samePhone;
    evidence.push(`same phone ${a.entity.attributes.phone}`);
  }
  // (what `corroborated` tells, each piece found once)
  const shared = sameAddress(a, b);
  const busy = Math.max(a.addressShared ?? 0, b.addressShared ?? 0);
  if (shared && busy === 0) {
    score += EVIDENCE.sameAddress;
    evidence.push(`same address "${a.entity.address}"`);
  } else if (shared) {
    evidence.push(`same address "${a.entity.address}", which ${busy} records give (a business centre or an agent's: not counted)`);
  }
  if (a.country && b.country && a.country !== b.country) {
    score += EVIDENCE.differentCountry;
    evidence.push(`different countries ${a.country} / ${b.country}`);
  } else if (a.country && b.country) {
    evidence.push(`same country ${a.country}`);
  }
  if (a.city && b.city) {
    if (a.city === b.city) {
      score += EVIDENCE.sameCity;
      evidence.push(`same city ${a.entity.city}`);
    } else {
      score += EVIDENCE.differentCity;
      evidence.push(`different cities ${a.entity.city} / ${b.entity.city}`);
    }
  }
  if (a.entity.kind === 'person') {
    score += EVIDENCE.person;
    evidence.push('persons need more than a name');
  } else if (a.city && b.city && a.city !== b.city && score > EVIDENCE.twoCitiesAtMost && !(sameRegistration || samePhone || (shared && busy === 0))) {
    score = EVIDENCE.twoCitiesAtMost;
    evidence.push(`not merged: two cities and nothing but the name in common (at most ${EVIDENCE.twoCitiesAtMost}; a registration number, phone or address would merge them)`);
  }
  return { score: round(Math.max(0, Math.min(1, score))), evidence };
}

/** Scores two entities (see `scorePrepared`). */
export function scorePair(a: Entity, b: Entity): PairScore {
  return scorePrepared(prepare(a, 0), prepare(b, 1));
}
