/**
 * Legal forms and routine trade descriptors that are dropped from the end of company names before
 * they are compared. Data, not code: each row lists the ways a form is written and the countries
 * (ISO 3166-1 alpha-2) where it is used; `*` means everywhere. When an entity's country is not
 * known, every row applies.
 *
 * Forms are compared after folding (`fold`: ASCII, lower case, punctuation to spaces) and after runs
 * of single letters are joined (`A.Ş.` → `as`, `W.L.L.` → `wll`, `A/S` → `as`), so `Ltd. Şti.`,
 * `LTD STI` and `Ltd.Şti.` are one form. They are stripped from the end of the name, repeatedly
 * (`San. ve Tic. Ltd. Şti.` → both rows), never from its start, and never down to nothing.
 */
export interface LegalFormRow {
  /** How the form is written; any one of them matches. */
  forms: string[];
  /** Countries where it is used, or `*` for all. */
  countries: string[] | '*';
  /** `legal` for a legal form, `descriptor` for a routine trade descriptor (Sanayi ve Ticaret, General Trading). */
  type: 'legal' | 'descriptor';
  /**
   * Where in the name the form is written: `end` (the default: `Kabarawa Holding SA`) or `start`
   * (`OOO "Terek-Invest"`, `Ets. Kabarawa & Fils`, `Société Tillabéri Transport`).
   */
  at?: 'end' | 'start';
}

const TR = ['TR', 'CY'];
const DE = ['DE', 'AT', 'CH', 'LI', 'LU'];
const ES = ['ES', 'AR', 'BO', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'MX', 'NI', 'PA', 'PE', 'PY', 'SV', 'UY', 'VE'];
const NORDIC = ['DK', 'NO', 'SE', 'FI', 'IS', 'GL', 'FO'];
const GULF = ['AE', 'SA', 'QA', 'BH', 'KW', 'OM', 'JO', 'LB', 'IQ', 'SY', 'EG', 'YE', 'PS', 'LY', 'SD'];
// French-speaking countries, the OHADA states of West and Central Africa among them (SARL, SA, SAS, GIE).
const FRANCO = [
  'FR', 'BE', 'LU', 'CH', 'MC', 'MA', 'TN', 'DZ', 'LB', 'SN', 'CI', 'CM', 'NE', 'ML', 'BF', 'TG', 'BJ', 'GN', 'GW', 'TD',
  'CF', 'GA', 'CG', 'CD', 'GQ', 'KM', 'MG', 'MR', 'DJ', 'BI', 'RW', 'HT',
];
// Russia and the other countries that write Russian-style forms (OOO, ZAO, AO, IP) or their English renderings (LLC, CJSC, JSC).
const CIS = ['RU', 'BY', 'KZ', 'KG', 'UZ', 'TJ', 'TM', 'AM', 'AZ', 'GE', 'UA', 'MD'];
const GB = ['GB', 'IE', 'IM', 'JE', 'GG', 'MT', 'CY', 'HK', 'SG', 'IN', 'PK', 'NG', 'KE', 'ZA', 'AU', 'NZ', 'CA', 'US'];

export const LEGAL_FORMS: LegalFormRow[] = [
  // Turkey
  { forms: ['Limited Şirketi', 'Ltd. Şti.', 'Ltd.Şti.', 'Ltd Sti', 'Şti.', 'Şirketi'], countries: TR, type: 'legal' },
  { forms: ['Anonim Şirketi', 'A.Ş.', 'AŞ'], countries: TR, type: 'legal' },
  { forms: ['Kollektif Şirketi', 'Koll. Şti.', 'Komandit Şirketi', 'Kom. Şti.'], countries: TR, type: 'legal' },
  {
    forms: [
      'Sanayi ve Ticaret', 'San. ve Tic.', 'San.ve Tic.', 'San. Tic.', 'Sanayi Ticaret', 'Sanayi', 'San.',
      'Ticaret', 'Tic.', 'İç ve Dış Ticaret', 'Dış Ticaret', 'Dış Tic.', 'İthalat İhracat', 'İth. İhr.',
      'İthalat ve İhracat',
    ],
    countries: TR,
    type: 'descriptor',
  },
  // German-speaking countries
  { forms: ['GmbH & Co. KG', 'GmbH und Co. KG', 'GmbH', 'mbH', 'AG', 'KG', 'OHG', 'UG', 'UG (haftungsbeschränkt)', 'e.K.', 'KGaA', 'SE', 'Gesellschaft mit beschränkter Haftung', 'Aktiengesellschaft'], countries: DE, type: 'legal' },
  // Spanish-speaking countries
  {
    forms: ['S.L.', 'S.L.U.', 'S.L.L.', 'S.A.', 'S.A.U.', 'S.A. de C.V.', 'S. de R.L.', 'S. de R.L. de C.V.', 'Sociedad Limitada', 'Sociedad Anónima', 'S.Coop.', 'S.C.', 'S.R.L.', 'C.A.', 'S.A.S.', 'Ltda.', 'Limitada'],
    countries: ES,
    type: 'legal',
  },
  // Nordic countries
  { forms: ['ApS', 'A/S', 'IVS', 'I/S', 'P/S', 'K/S', 'Anpartsselskab', 'Aktieselskab', 'Iværksætterselskab', 'AS', 'ASA', 'AB', 'Oy', 'Oyj', 'Ab', 'hf', 'ehf'], countries: NORDIC, type: 'legal' },
  // Gulf and Levant
  {
    forms: ['L.L.C.', 'LLC', 'FZE', 'FZCO', 'FZ-LLC', 'FZC', 'FZ LLC', 'DMCC', 'W.L.L.', 'WLL', 'S.P.C.', 'SPC', 'S.A.O.C.', 'S.A.O.G.', 'S.A.L.', 'S.A.E.', 'P.J.S.C.', 'PJSC', 'P.S.C.', 'Est.', 'Establishment', 'Co.', 'Company'],
    countries: GULF,
    type: 'legal',
  },
  { forms: ['General Trading', 'Gen. Trading', 'Gen Trdg', 'Trading', 'Trdg', 'Trading Co.', 'General Trading Co.'], countries: GULF, type: 'descriptor' },
  // The same written in Arabic: the legal forms after the name (`ذ.م.م`, limited liability), the word for company or
  // establishment before it, and the routine trade descriptors after it (`للتجارة العامة`, for general trading).
  {
    forms: ['ذ.م.م', 'ش.ذ.م.م', 'ش.م.م', 'ش.م.ع', 'ش.م.خ', 'ش.م.ل', 'المحدودة', 'ذات المسؤولية المحدودة', 'المساهمة', 'المساهمة الخاصة', 'المساهمة العامة'],
    countries: GULF,
    type: 'legal',
  },
  { forms: ['شركة', 'الشركة', 'مؤسسة', 'المؤسسة'], countries: GULF, type: 'legal', at: 'start' },
  { forms: ['للتجارة العامة', 'للتجارة', 'التجارية', 'للاستيراد والتصدير', 'للتجارة والمقاولات', 'للتجارة العامة والمقاولات'], countries: GULF, type: 'descriptor' },
  // French-speaking countries
  { forms: ['SARL', 'S.à r.l.', 'S.A.R.L.', 'SARLU', 'SUARL', 'SA', 'S.A.', 'SAS', 'SASU', 'EURL', 'SNC', 'SCS', 'SCA', 'GIE'], countries: FRANCO, type: 'legal' },
  {
    forms: ['Ets.', 'Éts', 'Établissements', 'Établissement', 'Sté', 'Société', 'SARL', 'S.A.R.L.', 'GIE'],
    countries: FRANCO,
    type: 'descriptor',
    at: 'start',
  },
  // Russia and its neighbours
  { forms: ['OOO', 'ZAO', 'OAO', 'AO', 'PAO', 'IP', 'TOO', 'KFKh', 'ChP', 'MChJ', 'IE', 'TOV', 'PP'], countries: CIS, type: 'legal', at: 'start' },
  { forms: ['LLC', 'L.L.C.', 'CJSC', 'OJSC', 'JSC', 'PJSC', 'OOO', 'ZAO', 'OAO', 'AO', 'PAO', 'TOO', 'TOV'], countries: CIS, type: 'legal' },
  // Central and Eastern Europe
  { forms: ['Sp. z o.o.', 'Spółka z o.o.', 'Spółka z ograniczoną odpowiedzialnością', 'S.A.', 'Spółka Akcyjna', 'Sp. j.', 'Sp. k.', 'S.K.A.'], countries: ['PL'], type: 'legal' },
  { forms: ['s.r.o.', 'spol. s r.o.', 'a.s.', 'k.s.', 'v.o.s.'], countries: ['CZ', 'SK'], type: 'legal' },
  { forms: ['EOOD', 'OOD', 'EAD', 'AD', 'ET'], countries: ['BG'], type: 'legal' },
  { forms: ['S.R.L.', 'SRL', 'S.A.'], countries: ['RO', 'MD'], type: 'legal' },
  // Greece: the société anonyme written out in Latin letters (Ανώνυμη Εταιρεία), and its abbreviations.
  { forms: ['Anonymi Etaireia', 'Anonymi Etairia', 'A.E.', 'S.A.', 'E.P.E.', 'I.K.E.'], countries: ['GR', 'CY'], type: 'legal' },
  { forms: ['Kft.', 'Zrt.', 'Nyrt.', 'Bt.'], countries: ['HU'], type: 'legal' },
  // Italy, Benelux
  { forms: ['S.r.l.', 'S.p.A.', 'S.n.c.', 'S.a.s.'], countries: ['IT', 'SM', 'CH'], type: 'legal' },
  { forms: ['B.V.', 'N.V.', 'V.O.F.', 'C.V.', 'BVBA', 'SPRL', 'BV', 'NV'], countries: ['NL', 'BE', 'SR', 'CW'], type: 'legal' },
  // Common-law countries
  {
    forms: ['Limited', 'Ltd.', 'Ltd', 'PLC', 'P.L.C.', 'LLP', 'L.L.P.', 'LP', 'L.P.', 'CIC', 'Company Limited', 'Co. Ltd.', 'Co., Ltd.', '(UK) Ltd', 'UK Ltd', 'Pvt. Ltd.', 'Private Limited', 'Pty Ltd', 'Pty. Ltd.', 'Pte. Ltd.', '& Co.', 'and Co.'],
    countries: GB,
    type: 'legal',
  },
  { forms: ['Inc.', 'Incorporated', 'Corp.', 'Corporation', 'LLC', 'L.L.C.', 'Co.', 'Company', 'PC', 'PLLC'], countries: ['US', 'CA', 'PH', 'PR', 'LR'], type: 'legal' },
  // Nigeria: `Kabarawa Global Enterprises (Nig.) Ltd`, `Lagoon Coatings Nigeria Plc`
  { forms: ['Nigeria', 'Nig.', '(Nig.)', 'Nig'], countries: ['NG'], type: 'descriptor' },
  // Written everywhere by international traders
  { forms: ['Ltd.', 'Ltd', 'Limited', 'LLC', 'L.L.C.', 'Inc.', 'Co.', 'Company', 'Corp.', 'PLC'], countries: '*', type: 'legal' },
];

/**
 * Abbreviations written out before names are compared (after folding, so `Hnos.` is `hnos`). Only
 * unambiguous ones: `elec` (electric or electronic) is not here. A Map: a name may contain any word, `constructor`
 * included.
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['hnos', 'hermanos'],
  ['hno', 'hermano'],
  ['cia', 'compania'],
  ['cie', 'compagnie'],
  ['gle', 'generale'],
  ['eng', 'engineering'],
  ['engg', 'engineering'],
  ['intl', 'international'],
  ['bros', 'brothers'],
  ['mfg', 'manufacturing'],
  ['mfrs', 'manufacturers'],
  ['ind', 'industries'],
  ['inds', 'industries'],
  ['svcs', 'services'],
  ['svc', 'services'],
  ['trdg', 'trading'],
  ['gen', 'general'],
  ['corp', 'corporation'],
  ['mgmt', 'management'],
  ['assoc', 'associates'],
  ['natl', 'national'],
  ['intern', 'international'],
  ['tic', 'ticaret'],
  ['san', 'sanayi'],
  ['ith', 'ithalat'],
  ['ihr', 'ihracat'],
  ['paz', 'pazarlama'],
  ['ins', 'insaat'],
]);

/**
 * Titles and honorifics written before a person's name, dropped before persons are compared:
 * `Alhaji Garba Kabarawa` is `Garba Kabarawa`. Compared after folding, at the start of the name,
 * repeatedly, never down to nothing. Persons only: `Chief Petroleum Ltd` keeps its first word.
 */
export const PERSON_TITLES: string[] = [
  'Alhaji', 'Alh.', 'Alhaja', 'Alhajji', 'Alhaj', 'Alhajj', 'Al-Hajj', 'Al Haj', 'Hajiya', 'Hajia', 'Haja', 'Haji', 'Hajj',
  'Hadj', 'Hadja', 'El Hadj', 'El Hadji', 'Elhadj', 'Elhadji', 'El-Hadj', 'El-Hadji', 'Mallam', 'Malam', 'Malama',
  'Chief', 'Dr.', 'Mr.', 'Mrs.', 'Ms.', 'Miss', 'Engr.', 'Prof.', 'Hon.', 'Sheikh', 'Shaikh', 'Sheik', 'Sayyid',
  'Madame', 'Mme', 'Mlle', 'Monsieur',
];
