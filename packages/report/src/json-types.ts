/**
 * Named value types of the report, with the constraints its JSON Schema states. The schema in
 * docs/report.schema.json is generated from the TypeScript types (scripts/report-schema.mjs); the JSDoc tags
 * below are how a constraint reaches it.
 */

/**
 * A whole number.
 * @asType integer
 */
export type Integer = number;

/**
 * A count: a whole number, 0 or more.
 * @asType integer
 * @minimum 0
 */
export type Count = number;

/**
 * A whole number, 1 or more (ranks, cluster and line numbers).
 * @asType integer
 * @minimum 1
 */
export type Positive = number;

/**
 * A number, 0 or more (quantities, values, kilograms).
 * @minimum 0
 */
export type NonNegative = number;

/**
 * A share in [0, 1].
 * @minimum 0
 * @maximum 1
 */
export type Share = number;

/**
 * A distance in kilometres.
 * @minimum 0
 */
export type Km = number;

/**
 * Latitude in decimal degrees (WGS 84).
 * @minimum -90
 * @maximum 90
 */
export type Latitude = number;

/**
 * Longitude in decimal degrees (WGS 84).
 * @minimum -180
 * @maximum 180
 */
export type Longitude = number;

/**
 * An identifier from the input.
 * @minLength 1
 * @maxLength 200
 */
export type Id = string;

/**
 * A date, YYYY-MM-DD.
 * @pattern ^\d{4}-\d{2}-\d{2}$
 */
export type IsoDate = string;

/**
 * ISO 3166-1 alpha-2 country code.
 * @pattern ^[A-Z]{2}$
 */
export type CountryCode = string;

/**
 * ISO 4217 currency code.
 * @pattern ^[A-Z]{3}$
 */
export type CurrencyCode = string;

/**
 * Harmonized System code, digits only, an even number of them.
 * @pattern ^(\d{2})+$
 */
export type HsCode = string;

/** Columns of the input beyond the data contract, kept verbatim as text. */
export type Attributes = Record<string, string>;
