import { LEGAL_FORMS, normalizeName, fold } from '@chokepoint/resolve';

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

  test('a name is never stripped to nothing, and legal forms only go from the end', () => {
    expect(normalizeName('Limited Ltd', 'GB')).toBe('limited');
    expect(normalizeName('GmbH Partner Service', 'DE')).toBe('gmbh partner service');
  });

  test('persons keep every word when legal forms are off', () => {
    expect(normalizeName('Ayşe Co', 'TR', { legalForms: false })).toBe('ayse co');
  });

  test('the table is data: every form folds to at least one token', () => {
    for (const row of LEGAL_FORMS) for (const f of row.forms) expect(fold(f)).not.toBe('');
  });
});
