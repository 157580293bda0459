/**
 * The words an investigator writing in Russian (or Ukrainian) puts in a bundle's headers and cells, each read as the
 * contract's column or value with a warning, as the words of the other languages are (`contract.ts`, `fields.ts`;
 * units and currencies in `units.ts` and `currency.ts`). Customs declarations, registers and ledgers of Russia and
 * of the countries around it (Kazakhstan, Kyrgyzstan, Armenia, Belarus, Ukraine …) are kept in these words. Headers
 * are looked up as the header reader writes them (lower case, words joined by `_`, `№` as `no`); cells by
 * `cyrillicKey`, so that `ё` and `е`, dots, quotes and spaces do not matter (`Физ. лицо`, `физлицо` alike).
 */

/** A small or capital letter of the Cyrillic script (U+0400–U+04FF). */
const CYRILLIC_LETTER = /[\u0400-\u04ff]/;

/** Whether text has a letter of the Cyrillic script. */
export function hasCyrillicLetters(text: string): boolean {
  return CYRILLIC_LETTER.test(text);
}

/** A word or a few of them as the Cyrillic tables are looked up: lower case, `ё` as `е`, dots and quotes left out, other gaps as `_` (`Физ. лицо` → `физ_лицо`). */
export function cyrillicKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[.'"«»“”„`’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** A table of Cyrillic words by cyrillicKey, each also without its `_` (`физ лицо` and `физлицо`), for the alias tables. */
export function byCyrillicKey(words: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(words).flatMap(([w, v]) => [[cyrillicKey(w), v] as const, [cyrillicKey(w).replace(/_/g, ''), v] as const]));
}

/** Kinds of entities: a company (and the legal forms of a business), a person, an organization. */
export const CYRILLIC_ENTITY_KINDS: Readonly<Record<string, string>> = {
  компания: 'company',
  фирма: 'company',
  предприятие: 'company',
  завод: 'company',
  юрлицо: 'company',
  'юр. лицо': 'company',
  'юридическое лицо': 'company',
  // Legal forms: Russian (ООО, АО, ПАО, ЗАО, ОАО), Kyrgyz (ОсОО), Kazakh (ТОО), Ukrainian (ТОВ, ПП, ФОП), and the
  // individual entrepreneur (ИП), a person registered to trade: a business as a party to shipments.
  ооо: 'company',
  осоо: 'company',
  тоо: 'company',
  тов: 'company',
  ао: 'company',
  пао: 'company',
  зао: 'company',
  оао: 'company',
  чп: 'company',
  пп: 'company',
  ип: 'company',
  фоп: 'company',
  'индивидуальный предприниматель': 'company',
  лицо: 'person',
  физлицо: 'person',
  'физ. лицо': 'person',
  'физическое лицо': 'person',
  фл: 'person',
  человек: 'person',
  персона: 'person',
  гражданин: 'person',
  гражданка: 'person',
  организация: 'organization',
  нко: 'organization',
  'некоммерческая организация': 'organization',
  'общественная организация': 'organization',
  фонд: 'organization',
  ассоциация: 'organization',
  союз: 'organization',
  кооператив: 'organization',
};

/** Kinds of ties, each in the direction of its kind (the source owns, directs, pays). */
export const CYRILLIC_RELATION_KINDS: Readonly<Record<string, string>> = {
  владелец: 'owner',
  собственник: 'owner',
  учредитель: 'owner',
  соучредитель: 'owner',
  участник: 'owner',
  акционер: 'owner',
  бенефициар: 'owner',
  'конечный бенефициар': 'owner',
  'бенефициарный владелец': 'owner',
  'конечный владелец': 'owner',
  директор: 'director',
  'генеральный директор': 'director',
  гендиректор: 'director',
  руководитель: 'director',
  управляющий: 'director',
  председатель: 'director',
  'член совета директоров': 'director',
  'номинальный директор': 'director',
  представитель: 'agent',
  агент: 'agent',
  посредник: 'agent',
  'доверенное лицо': 'agent',
  'по доверенности': 'agent',
  родственник: 'family',
  родственница: 'family',
  родство: 'family',
  супруг: 'family',
  супруга: 'family',
  жена: 'family',
  муж: 'family',
  брат: 'family',
  сестра: 'family',
  отец: 'family',
  мать: 'family',
  сын: 'family',
  дочь: 'family',
  сотрудник: 'employee',
  работник: 'employee',
  'тот же адрес': 'shared_address',
  'общий адрес': 'shared_address',
  'один адрес': 'shared_address',
  знакомый: 'associate',
  знакомая: 'associate',
  партнер: 'associate',
  'деловой партнер': 'associate',
  связь: 'associate',
  плательщик: 'paid_for',
  оплатил: 'paid_for',
  грузополучатель: 'consigned_to',
};

/** Kinds of places. */
export const CYRILLIC_PLACE_KINDS: Readonly<Record<string, string>> = {
  'пограничный переход': 'border_crossing',
  'пункт пропуска': 'border_crossing',
  'пункт пропуска через границу': 'border_crossing',
  кпп: 'border_crossing',
  'пограничный пункт': 'border_crossing',
  'таможенный пост': 'border_crossing',
  порт: 'port',
  'морской порт': 'port',
  'речной порт': 'port',
  аэропорт: 'airport',
};

/** Month names (the genitive a date writes, `5 августа 2022`, the nominative and the usual abbreviations), Russian and Ukrainian, to their numbers. */
export const CYRILLIC_MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  (
    [
      [1, 'января январь янв січня січень січ'],
      [2, 'февраля февраль фев февр лютого лютий лют'],
      [3, 'марта март мар березня березень бер'],
      [4, 'апреля апрель апр квітня квітень квіт'],
      [5, 'мая май травня травень трав'],
      [6, 'июня июнь июн червня червень черв'],
      [7, 'июля июль июл липня липень лип'],
      [8, 'августа август авг серпня серпень серп'],
      [9, 'сентября сентябрь сен сент вересня вересень вер'],
      [10, 'октября октябрь окт жовтня жовтень жовт'],
      [11, 'ноября ноябрь ноя нояб листопада листопад лист'],
      [12, 'декабря декабрь дек грудня грудень груд'],
    ] as const
  ).flatMap(([month, words]) => words.split(' ').map((w) => [cyrillicKey(w), month])),
);

/**
 * The names spreadsheets, customs declarations and registers in Russian (and Ukrainian) give the columns, as the
 * header reader writes a header cell (lower case, words joined by `_`, `№` as `no`, `%` as `percent`): `Код ТН ВЭД` →
 * `код_тн_вэд`, `Вес нетто, кг` → `вес_нетто_кг`, `№ декларации` → `no_декларации`.
 */
export const CYRILLIC_COLUMN_NAMES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'entities.csv': {
    id: ['ид', 'идентификатор', 'код_контрагента'],
    kind: ['тип', 'вид', 'тип_лица', 'категория', 'тип_контрагента'],
    name: ['наименование', 'название', 'имя', 'фио', 'наименование_организации', 'полное_наименование', 'краткое_наименование', 'контрагент', 'назва', 'найменування', 'піб'],
    country: ['страна', 'страна_регистрации', 'країна'],
    city: ['город', 'населенный_пункт', 'населённый_пункт', 'місто'],
    address: ['адрес', 'юридический_адрес', 'адрес_регистрации', 'фактический_адрес', 'адреса'],
    sector: ['вид_деятельности', 'основной_вид_деятельности', 'деятельность', 'отрасль', 'профиль', 'вид_діяльності'],
    employees: ['численность', 'численность_сотрудников', 'число_сотрудников', 'количество_сотрудников', 'сотрудники', 'штат'],
    founded: ['дата_регистрации', 'дата_создания', 'дата_основания', 'дата_образования', 'дата_реєстрації'],
    phone: ['телефон', 'тел'],
    registration_number: ['инн', 'огрн', 'огрнип', 'бин', 'иин', 'окпо', 'регистрационный_номер', 'рег_номер', 'єдрпоу', 'код_єдрпоу'],
  },
  'relations.csv': {
    source: ['источник', 'от', 'кто', 'лицо', 'участник', 'джерело'],
    target: ['цель', 'кому', 'к', 'организация', 'компания', 'общество', 'ціль'],
    kind: ['тип_связи', 'связь', 'вид_связи', 'характер_связи', 'роль', 'тип', 'зв_язок'],
    share: ['доля', 'доля_percent', 'доля_участия', 'доля_участия_percent', 'доля_в_уставном_капитале', 'процент', 'процент_владения', 'частка'],
    start: ['начало', 'дата_начала', 'с_даты', 'дата_початку'],
    end: ['окончание', 'дата_окончания', 'конец', 'по_дату', 'дата_закінчення'],
  },
  'shipments.csv': {
    id: ['номер', 'no_декларации', 'номер_декларации', 'декларация', 'no_дт', 'номер_дт', 'дт', 'гтд', 'no_гтд', 'номер_гтд', 'no_инвойса', 'номер_инвойса', 'инвойс', 'no_счета', 'номер_счета', 'счет', 'счет_фактура', 'накладная', 'no_накладной', 'номер_накладной', 'номер_митної_декларації'],
    supplier: ['отправитель', 'поставщик', 'продавец', 'экспортер', 'экспортёр', 'грузоотправитель', 'відправник', 'постачальник', 'продавець', 'експортер'],
    buyer: ['получатель', 'покупатель', 'импортер', 'импортёр', 'заказчик', 'одержувач', 'покупець', 'імпортер'],
    commodity: ['товар', 'наименование_товара', 'описание_товара', 'описание', 'продукция', 'груз', 'найменування_товару', 'опис_товару'],
    hs_code: ['код_тн_вэд', 'тн_вэд', 'код_тнвэд', 'тнвэд', 'код_тн_вэд_еаэс', 'код_товара', 'код_укт_зед', 'укт_зед', 'уктзед'],
    quantity: ['количество', 'кол_во', 'кількість'],
    weight_kg: ['вес_нетто_кг', 'вес_нетто', 'вес_брутто_кг', 'вес_брутто', 'вес_кг', 'вес', 'масса_нетто', 'масса_нетто_кг', 'масса_брутто', 'масса', 'вага_нетто', 'вага_нетто_кг', 'вага'],
    unit: ['ед_изм', 'единица_измерения', 'единица', 'ед', 'од_вим', 'одиниця_виміру'],
    value: ['стоимость', 'сумма', 'фактурная_стоимость', 'таможенная_стоимость', 'статистическая_стоимость', 'вартість', 'сума', 'митна_вартість'],
    currency: ['валюта', 'валюта_контракта', 'код_валюты', 'валюта_платежа'],
    shipped: ['дата', 'дата_отгрузки', 'дата_отправки', 'дата_поставки', 'дата_декларации', 'дата_выпуска', 'дата_відвантаження'],
    received: ['дата_получения', 'дата_прибытия', 'дата_доставки', 'дата_отримання'],
    origin_country: ['страна_происхождения', 'країна_походження'],
    destination_country: ['страна_назначения', 'країна_призначення'],
    transit_countries: ['страна_транзита', 'страны_транзита', 'транзит', 'країна_транзиту'],
    consignee: ['грузополучатель', 'вантажоодержувач'],
    payer: ['плательщик', 'оплатил', 'кто_оплатил', 'платник'],
  },
  'places.csv': {
    id: ['ид', 'идентификатор'],
    name: ['наименование', 'название', 'назва'],
    kind: ['тип', 'вид'],
    countries: ['страна', 'страны', 'країна', 'країни'],
  },
};
