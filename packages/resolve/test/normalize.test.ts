import { LEGAL_FORMS, PERSON_TITLES, nameTokens, normalizeName, fold } from '@chokepoint/resolve';
import anyAscii from 'any-ascii';

describe('normalizeName', () => {
  test.each([
    ['Örnek Kimya Ltd. Şti.', 'TR', 'ornek kimya'],
    ['ORNEK KIMYA LTD STI', 'TR', 'ornek kimya'],
    ['Ornek Kimya Limited Şirketi', 'TR', 'ornek kimya'],
    ['Örnek Kimya San. ve Tic. A.Ş.', 'TR', 'ornek kimya'],
    ['Örnek Kimya Sanayi ve Ticaret Anonim Şirketi', 'TR', 'ornek kimya'],
    ['IŞIK MADENCİLİK A.Ş.', 'TR', 'isik madencilik'],
    ['Al-Noor Trading', 'AE', 'alnoor'],
    ['Al Nour Trading Co.', 'AE', 'alnour'],
    ['Alnoor General Trading LLC', 'AE', 'alnoor'],
    ['El-Nasr Chemicals S.A.E.', 'EG', 'alnasr chemicals'],
    ['Sahara W.L.L.', 'BH', 'sahara'],
    ['Gulf Star FZE', 'AE', 'gulf star'],
    ['Gulf Star FZCO', 'AE', 'gulf star'],
    ['Nordlys Kemi ApS', 'DK', 'nordlys kemi'],
    ['Nordlys Kemi A/S', 'DK', 'nordlys kemi'],
    ['Nordlys Kemi IVS', 'DK', 'nordlys kemi'],
    ['Lærkehøj Emballage ApS', 'DK', 'laerkehoj emballage'],
    ['Químicas del Levante S.L.', 'ES', 'quimicas levante'],
    ['Quimicas Levante SL', 'ES', 'quimicas levante'],
    ['Construcciones Peña S.A.', 'ES', 'construcciones pena'],
    ['Frutas Hnos. Núñez S.L.', 'ES', 'frutas hermanos nunez'],
    ['Cresthaven Motion Ltd', 'GB', 'cresthaven motion'],
    ['Cresthaven Motion Limited', 'GB', 'cresthaven motion'],
    ['The Pennine Chemical Co. Ltd', 'GB', 'pennine chemical'],
    ['Blackridge Components P.L.C.', 'GB', 'blackridge components'],
    ['Müller Logistik GmbH & Co. KG', 'DE', 'muller logistik'],
    ['Weißenburg Metallbau AG', 'DE', 'weissenburg metallbau'],
    ['Atlas Négoce SARL', 'MA', 'atlas negoce'],
  ])('%s (%s) → %s', (name, country, expected) => {
    expect(normalizeName(name, country)).toBe(expected);
  });

  test('legal forms are per country; without a country every row applies', () => {
    expect(normalizeName('Casa Blanca SA', 'GB')).toBe('casa blanca sa');
    expect(normalizeName('Casa Blanca SA', 'ES')).toBe('casa blanca');
    expect(normalizeName('Nordlys Kemi ApS')).toBe('nordlys kemi');
    expect(normalizeName('Ornek Kimya Ltd Sti')).toBe('ornek kimya');
  });

  test('the legal forms and trade descriptors of names written in Arabic: the word for company before, the form and "general trading" after', () => {
    const same = (a: string, b: string) => expect(normalizeName(a, 'IQ')).toBe(normalizeName(b, 'IQ'));
    same('شركة الرافدين للتجارة العامة ذ.م.م', 'شركة الرافدين للتجارة العامة المحدودة');
    same('شركة النجمة الذهبية للتجارة العامة', 'النجمة الذهبية');
    same('مؤسسة البادية التجارية', 'البادية');
    expect(normalizeName('شركة الرافدين', 'IQ')).not.toBe(normalizeName('شركة الفرات', 'IQ'));
    // Never down to nothing; and only where Arabic forms are used.
    expect(normalizeName('شركة', 'IQ')).not.toBe('');
    expect(normalizeName('شركة الرافدين', 'DE')).toBe(normalizeName('شركة الرافدين', 'DE'));
    expect(normalizeName('شركة الرافدين', 'DE')).not.toBe(normalizeName('الرافدين', 'DE'));
  });

  test('a name is never stripped to nothing, and legal forms only go from the end', () => {
    expect(normalizeName('Limited Ltd', 'GB')).toBe('limited');
    expect(normalizeName('GmbH Partner Service', 'DE')).toBe('gmbh partner service');
  });

  test.each([
    ['OOO "Terek-Invest"', 'RU', 'terek invest'],
    ['Terek-Invest LLC', 'RU', 'terek invest'],
    ['IE Arsen Melkonyants', 'AM', 'arsen melkonyants'],
    ['Ets. Kabarawa & Fils', 'NE', 'kabarawa fils'],
    ['Établissements Kabarawa et Fils', 'NE', 'kabarawa fils'],
    ['Société Tillabéri Transport SARL', 'NE', 'tillaberi transport'],
    ['Sté Tillabéri Transport', 'NE', 'tillaberi transport'],
    ['Kabarawa Holding SA', 'NE', 'kabarawa holding'],
    ['Boutique Les Palmiers', 'SN', 'boutique palmiers'],
    ['Transports Dosso & Cie', 'NE', 'transports dosso compagnie'],
    ['Kabarawa Global Enterprises (Nig.) Ltd', 'NG', 'kabarawa global enterprises'],
    ['Lagoon Coatings Nigeria Plc', 'NG', 'lagoon coatings'],
    ['Warta Kable Sp. z o.o.', 'PL', 'warta kable'],
    ['Labechem Ústí s.r.o.', 'CZ', 'labechem usti'],
    ['Dunavhim EOOD', 'BG', 'dunavhim'],
    ['Hanwa Fertilisers Ltd', 'NG', 'hanwa fertilizers'],
    ['Chiroma Aluminium Ltd', 'NG', 'chiroma aluminum'],
  ])('legal forms written first, new countries, spelling variants: %s (%s) → %s', (name, country, expected) => {
    expect(normalizeName(name, country)).toBe(expected);
  });

  test('forms written first apply in their countries only, and never strip a name to nothing', () => {
    expect(normalizeName('Ets. Kabarawa', 'GB')).toBe('ets kabarawa');
    expect(normalizeName('OOO Terek', 'DE')).toBe('ooo terek');
    expect(normalizeName('OOO', 'RU')).toBe('ooo');
    expect(normalizeName('Société', 'FR')).toBe('societe');
  });

  test('titles before a person\'s name are dropped for persons only', () => {
    const person = (name: string, country?: string) => nameTokens(name, country, { legalForms: false, titles: true }).join(' ');
    expect(person('Alhaji Garba Kabarawa', 'NG')).toBe('garba kabarawa');
    expect(person('Alh. Garba Kabarawa', 'NG')).toBe('garba kabarawa');
    expect(person('Hajiya Binta Dankane', 'NG')).toBe('binta dankane');
    expect(person('El Hadj Moussa Issa', 'NE')).toBe('moussa issa');
    expect(person('El-Hadji Moussa Issa', 'AE')).toBe('moussa issa');
    expect(person('Dr. Mallam Aminu Bello', 'NG')).toBe('aminu bello');
    expect(person('Alhaji', 'NG')).toBe('alhaji');
    // A company keeps its first word; titles are not stripped by default.
    expect(normalizeName('Chief Petroleum Ltd', 'NG')).toBe('chief petroleum');
    expect(normalizeName('Alhaji Garba Kabarawa', 'NG', { legalForms: false })).toBe('alhaji garba kabarawa');
  });

  test('persons keep every word when legal forms are off', () => {
    expect(normalizeName('Ayşe Co', 'TR', { legalForms: false })).toBe('ayse co');
  });

  test('the table is data: every form folds to at least one token', () => {
    for (const row of LEGAL_FORMS) for (const f of row.forms) expect(fold(f)).not.toBe('');
    for (const t of PERSON_TITLES) expect(fold(t)).not.toBe('');
  });
});

describe('fold of ASCII text', () => {
  // fold skips transliteration for ASCII text: the result must be what transliterating it gives.
  const reference = (text: string): string =>
    anyAscii(text.normalize('NFC'))
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/['`´’]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();

  test('is the same as transliterating it, for every ASCII character and mixed text', () => {
    const texts: string[] = [];
    for (let c = 0; c < 128; c++) texts.push(String.fromCharCode(c), `A${String.fromCharCode(c)}b`);
    texts.push("O'Neil & Sons Ltd.", 'Sişsoy Fırat', 'Müller GmbH', '  __proto__  ', 'TOKYO\u00a0Trading', 'e\u0301cole');
    for (const t of texts) expect(fold(t)).toBe(reference(t));
  });
});
