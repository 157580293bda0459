import { foldArabic } from './text';

/**
 * The words an investigator writing in Arabic puts in a bundle's cells and headers, each read as the contract's value
 * or column with a warning, as the words of the other languages are (`contract.ts`, `units.ts`, `currency.ts`,
 * `fields.ts`). They are written here as people write them; they are looked up by `arabicKey`, so that hamza forms,
 * ta marbuta, short vowels, tatweel and the Persian letters of a Kurdish keyboard do not matter (`شركة`, `شركه`,
 * `شرکة` alike).
 */

/** A word or a few of them as the Arabic tables are looked up: `foldArabic`, without dots, words joined by `_` (`ذ.م.م` → `ذمم`, `مدير مفوض` → `مدير_مفوض`). */
export function arabicKey(text: string): string {
  return foldArabic(text.trim())
    .replace(/[.\u06d4]/g, '')
    .replace(/[\s_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * A letter of the Arabic script (U+0620–U+064A, U+066E–U+06D3, U+06D5, U+06FA–U+06FF: not its digits, signs or vowel
 * marks), or one of its presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC), which text copied from a PDF has.
 */
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/;

/** Whether text has a letter of the Arabic script (ARABIC_LETTER). */
export function hasArabicLetters(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/** A table of Arabic words by arabicKey (for the alias tables, which are looked up by key). */
export function byArabicKey(words: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(words).map(([w, v]) => [arabicKey(w), v]));
}

/** Kinds of entities: a company (and the legal forms and words for a business), a person, an organization. */
export const ARABIC_ENTITY_KINDS: Readonly<Record<string, string>> = {
  شركة: 'company',
  الشركة: 'company',
  'شركة تجارية': 'company',
  // (a trading establishment: in Iraq and Syria a business held by one person under a trade name)
  مؤسسة: 'company',
  'مؤسسة تجارية': 'company',
  'شخص معنوي': 'company',
  'شخص اعتباري': 'company',
  'ذ.م.م': 'company',
  'ش.م.م': 'company',
  'ش.م.ع': 'company',
  'ش.ذ.م.م': 'company',
  'شركة ذات مسؤولية محدودة': 'company',
  'شركة محدودة': 'company',
  'شركة مساهمة': 'company',
  'شركة تضامنية': 'company',
  معمل: 'company',
  مصنع: 'company',
  متجر: 'company',
  محل: 'company',
  شخص: 'person',
  الشخص: 'person',
  فرد: 'person',
  'شخص طبيعي': 'person',
  'شخص حقيقي': 'person',
  منظمة: 'organization',
  جمعية: 'organization',
  'جمعية تعاونية': 'organization',
  'جمعية خيرية': 'organization',
  'مؤسسة خيرية': 'organization',
  'منظمة غير حكومية': 'organization',
  هيئة: 'organization',
  نقابة: 'organization',
  اتحاد: 'organization',
};

/** Kinds of places: border crossings (`منفذ حدودي`, as Iraq names its crossings), ports, airports. */
export const ARABIC_PLACE_KINDS: Readonly<Record<string, string>> = {
  منفذ: 'border_crossing',
  'منفذ حدودي': 'border_crossing',
  'المنفذ الحدودي': 'border_crossing',
  معبر: 'border_crossing',
  'معبر حدودي': 'border_crossing',
  'المعبر الحدودي': 'border_crossing',
  'نقطة حدودية': 'border_crossing',
  'مركز حدودي': 'border_crossing',
  'بوابة حدودية': 'border_crossing',
  'منفذ بري': 'border_crossing',
  ميناء: 'port',
  'ميناء بحري': 'port',
  مرفأ: 'port',
  'ميناء نهري': 'port',
  مطار: 'airport',
};

/** Kinds of ties, each in the direction of its kind (the source owns, directs, pays), as `RELATION_KIND_ALIASES`. */
export const ARABIC_RELATION_KINDS: Readonly<Record<string, string>> = {
  مالك: 'owner',
  المالك: 'owner',
  يملك: 'owner',
  مساهم: 'owner',
  'مالك مستفيد': 'owner',
  'المستفيد الحقيقي': 'owner',
  'الشركة الأم': 'owner',
  مدير: 'director',
  المدير: 'director',
  'مدير مفوض': 'director',
  'المدير المفوض': 'director',
  'مدير عام': 'director',
  'المدير العام': 'director',
  'مدير تنفيذي': 'director',
  'رئيس مجلس الإدارة': 'director',
  'عضو مجلس الإدارة': 'director',
  'عضو مجلس إدارة': 'director',
  'مخول بالتوقيع': 'director',
  'المفوض بالتوقيع': 'director',
  عائلة: 'family',
  قريب: 'family',
  قرابة: 'family',
  أقارب: 'family',
  أخ: 'family',
  أخو: 'family',
  شقيق: 'family',
  أخت: 'family',
  شقيقة: 'family',
  أب: 'family',
  والد: 'family',
  الأب: 'family',
  أم: 'family',
  والدة: 'family',
  ابن: 'family',
  ابنة: 'family',
  بنت: 'family',
  زوج: 'family',
  زوجة: 'family',
  'ابن عم': 'family',
  'ابن عمة': 'family',
  'ابن خال': 'family',
  'ابن خالة': 'family',
  'بنت عم': 'family',
  عم: 'family',
  خال: 'family',
  'ابن أخ': 'family',
  'ابن أخت': 'family',
  صهر: 'family',
  نسيب: 'family',
  موظف: 'employee',
  موظفة: 'employee',
  عامل: 'employee',
  'يعمل لدى': 'employee',
  'نفس العنوان': 'shared_address',
  'العنوان نفسه': 'shared_address',
  'عنوان مشترك': 'shared_address',
  شريك: 'associate',
  شريكة: 'associate',
  'شريك تجاري': 'associate',
  شراكة: 'associate',
  وكيل: 'agent',
  ممثل: 'agent',
  مندوب: 'agent',
  'وكيل تجاري': 'agent',
  دافع: 'paid_for',
  الدافع: 'paid_for',
  'دفع عن': 'paid_for',
  مستلم: 'consigned_to',
  المستلم: 'consigned_to',
  'المرسل إليه': 'consigned_to',
};

/** Units of quantity. */
export const ARABIC_UNITS: Readonly<Record<string, string>> = {
  كغم: 'kg',
  كغ: 'kg',
  كلغ: 'kg',
  كجم: 'kg',
  كيلو: 'kg',
  كيلوغرام: 'kg',
  كيلوجرام: 'kg',
  كيلوغرامات: 'kg',
  غم: 'g',
  غرام: 'g',
  جرام: 'g',
  جم: 'g',
  طن: 't',
  أطنان: 't',
  'طن متري': 't',
  لتر: 'l',
  ليتر: 'l',
  لترات: 'l',
  'متر مكعب': 'm3',
  م3: 'm3',
  'م٣': 'm3',
  'م³': 'm3',
  متر: 'm',
  أمتار: 'm',
  'متر طولي': 'm',
  'متر مربع': 'm2',
  م2: 'm2',
  'م٢': 'm2',
  'م²': 'm2',
  قطعة: 'pcs',
  قطع: 'pcs',
  حبة: 'pcs',
  عدد: 'pcs',
  وحدة: 'pcs',
  زوج: 'pairs',
  أزواج: 'pairs',
  دزينة: 'dozen',
  درزن: 'dozen',
};

/**
 * Currencies written in Arabic: the symbols of one currency (`د.ع` is the Iraqi dinar) and the names that name one
 * (`دولار أمريكي`, `دينار عراقي`, `ليرة سورية`). Names several currencies share are in ARABIC_SHARED_CURRENCIES.
 */
export const ARABIC_CURRENCIES: Readonly<Record<string, string>> = {
  // (symbols are compared letter for letter, hamza included: `د.أ` is the Jordanian dinar, `د.إ` the UAE dirham)
  'د.ع': 'IQD',
  'دينار عراقي': 'IQD',
  'د.أ': 'JOD',
  'دينار أردني': 'JOD',
  'د.ك': 'KWD',
  'دينار كويتي': 'KWD',
  'د.ب': 'BHD',
  'دينار بحريني': 'BHD',
  'د.ج': 'DZD',
  'دينار جزائري': 'DZD',
  'د.ت': 'TND',
  'دينار تونسي': 'TND',
  'د.ل': 'LYD',
  'دينار ليبي': 'LYD',
  'ل.س': 'SYP',
  'ليرة سورية': 'SYP',
  'ل.ل': 'LBP',
  'ليرة لبنانية': 'LBP',
  'ل.ت': 'TRY',
  'ليرة تركية': 'TRY',
  'ج.م': 'EGP',
  'جنيه مصري': 'EGP',
  'ج.س': 'SDG',
  'جنيه سوداني': 'SDG',
  'جنيه إسترليني': 'GBP',
  'د.إ': 'AED',
  'درهم إماراتي': 'AED',
  'د.م': 'MAD',
  'درهم مغربي': 'MAD',
  'ر.س': 'SAR',
  'ريال سعودي': 'SAR',
  'ر.ق': 'QAR',
  'ريال قطري': 'QAR',
  'ر.ع': 'OMR',
  'ريال عماني': 'OMR',
  'ريال يمني': 'YER',
  'ريال إيراني': 'IRR',
  'تومان': 'IRR',
  'دولار أمريكي': 'USD',
  'دولار امريكي': 'USD',
  'دولار أميركي': 'USD',
  'الدولار الأمريكي': 'USD',
  يورو: 'EUR',
  'يوان صيني': 'CNY',
  يوان: 'CNY',
};

/**
 * Arabic names of currencies that several share, by the Latin word of `currency.ts`'s shared words whose currencies
 * they can be: `دينار` is any dinar, `ليرة` the Turkish lira or the Syrian or Lebanese pound, `دولار` any dollar.
 */
export const ARABIC_SHARED_CURRENCIES: Readonly<Record<string, string>> = {
  دولار: 'dollar',
  الدولار: 'dollar',
  دينار: 'dinar',
  ليرة: 'lira',
  جنيه: 'pound',
  ريال: 'riyal',
  درهم: 'dirham',
};

/**
 * Month names: those of the Levant and Iraq (Syriac: `كانون الثاني` is January, `آذار` March) and those of Egypt, the
 * Gulf and the Maghreb (`يناير`, `مارس`). No word names two months.
 */
export const ARABIC_MONTHS: Readonly<Record<string, number>> = {
  'كانون الثاني': 1,
  شباط: 2,
  آذار: 3,
  نيسان: 4,
  أيار: 5,
  حزيران: 6,
  تموز: 7,
  آب: 8,
  أيلول: 9,
  'تشرين الأول': 10,
  'تشرين الثاني': 11,
  'كانون الأول': 12,
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  أبريل: 4,
  إبريل: 4,
  مايو: 5,
  يونيو: 6,
  يونيه: 6,
  يوليو: 7,
  يوليه: 7,
  أغسطس: 8,
  سبتمبر: 9,
  أكتوبر: 10,
  نوفمبر: 11,
  ديسمبر: 12,
  جانفي: 1,
  فيفري: 2,
  أفريل: 4,
  ماي: 5,
  جوان: 6,
  جويلية: 7,
  أوت: 8,
};

/**
 * The names Arabic sheets give the columns, by file and column, as people write them (with or without the article):
 * read as the column with a warning, as the names in other languages are (`OTHER_LANGUAGE_NAMES` in contract.ts).
 */
export const ARABIC_COLUMN_NAMES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'entities.csv': {
    id: ['المعرف', 'معرف', 'الرمز', 'رمز'],
    kind: ['النوع', 'نوع', 'الصفة', 'نوع الكيان'],
    name: ['الاسم', 'اسم', 'الاسم التجاري', 'اسم الشركة', 'الاسم الكامل'],
    country: ['البلد', 'بلد', 'الدولة', 'دولة'],
    city: ['المدينة', 'مدينة', 'المحافظة'],
    address: ['العنوان', 'عنوان'],
    sector: ['النشاط', 'نشاط', 'القطاع', 'قطاع', 'مجال العمل', 'النشاط التجاري'],
    employees: ['عدد الموظفين', 'عدد العاملين'],
    founded: ['تاريخ التأسيس', 'التأسيس', 'تاريخ التسجيل'],
    phone: ['الهاتف', 'هاتف', 'رقم الهاتف', 'الموبايل'],
    registration_number: ['رقم التسجيل', 'رقم السجل التجاري', 'السجل التجاري', 'رقم الإجازة'],
  },
  'relations.csv': {
    source: ['المصدر', 'من'],
    target: ['الهدف', 'إلى', 'الى'],
    kind: ['العلاقة', 'نوع العلاقة', 'الصلة'],
    share: ['النسبة', 'نسبة', 'الحصة', 'نسبة الملكية', 'نسبة المساهمة'],
    start: ['البداية', 'تاريخ البداية', 'تاريخ البدء', 'من تاريخ'],
    end: ['النهاية', 'تاريخ النهاية', 'تاريخ الانتهاء', 'إلى تاريخ'],
  },
  'shipments.csv': {
    id: ['رقم الشحنة', 'الشحنة', 'رقم الفاتورة', 'الفاتورة', 'رقم البيان', 'رقم البيان الجمركي', 'البيان الكمركي', 'رقم البيان الكمركي', 'رقم بوليصة الشحن'],
    supplier: ['المورد', 'مورد', 'البائع', 'المصدر', 'المصدّر', 'الشاحن'],
    buyer: ['المشتري', 'مشتري', 'المستورد', 'الزبون'],
    commodity: ['المادة', 'البضاعة', 'البضائع', 'السلعة', 'الوصف', 'وصف البضاعة', 'وصف السلعة', 'نوع البضاعة'],
    hs_code: ['رمز النظام المنسق', 'الرمز الجمركي', 'البند الجمركي', 'البند التعريفي', 'رمز التعرفة'],
    quantity: ['الكمية', 'كمية'],
    weight_kg: ['الوزن', 'الوزن الصافي', 'الوزن القائم', 'الوزن كغم'],
    unit: ['الوحدة', 'وحدة', 'وحدة القياس'],
    concentration: ['التركيز', 'النقاوة'],
    value: ['القيمة', 'قيمة', 'المبلغ', 'قيمة الفاتورة'],
    currency: ['العملة', 'عملة'],
    shipped: ['تاريخ الشحن', 'التاريخ', 'تاريخ', 'تاريخ التصدير'],
    received: ['تاريخ الاستلام', 'تاريخ الوصول', 'تاريخ الاستيراد'],
    origin_country: ['بلد المنشأ', 'المنشأ', 'بلد التصدير'],
    destination_country: ['بلد الوجهة', 'الوجهة', 'بلد المقصد', 'بلد الاستيراد'],
    transit_countries: ['بلد العبور', 'دول العبور', 'العبور', 'الترانزيت'],
    consignee: ['المستلم', 'المرسل إليه'],
    payer: ['الدافع', 'دافع', 'الجهة الدافعة'],
  },
  'places.csv': {
    id: ['المعرف', 'الرمز'],
    name: ['الاسم', 'اسم'],
    kind: ['النوع', 'نوع'],
    countries: ['الدول', 'البلدان', 'البلد', 'الدولة'],
  },
};
