import type { FieldType } from './fields';
import { ARABIC_COLUMN_NAMES, ARABIC_ENTITY_KINDS, ARABIC_PLACE_KINDS, ARABIC_RELATION_KINDS, arabicKey, byArabicKey } from './arabic';
import { byCyrillicKey, CYRILLIC_COLUMN_NAMES, CYRILLIC_ENTITY_KINDS, CYRILLIC_PLACE_KINDS, CYRILLIC_RELATION_KINDS } from './cyrillic';
import { ENTITY_KINDS, PLACE_KINDS, RELATION_KINDS, UNITS, type Unit } from './types';

/** One column of a bundle file, declared once here and read by the ingest package. */
export interface ColumnSpec {
  /** Column name in the CSV header (matched case-insensitively). */
  name: string;
  /** Property name on the record (camelCase); defaults to `name`. */
  key?: string;
  type: FieldType;
  /** The column must be in the header and every row must have a value. */
  required?: boolean;
  values?: readonly string[];
  /**
   * Other words for the values of an `enum` column (lower case, words joined by `_`), read as the value with a note:
   * `individual` for `person`. Only words that mean that value and no other.
   */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Another column that gives this one's value (`coordinates` gives `lat` and `lon`): a required column is not
   * missing when the header has that one instead.
   */
  givenBy?: string;
  /**
   * A column that is read as this one when the header has no column of this name (`consignee` as the `buyer` of a
   * customs extract), with the reason said in the warning (`standInWhy`).
   */
  standIn?: string;
  standInWhy?: string;
  /** The value must be the id of an entity in entities.csv. */
  refersToEntity?: boolean;
  /** Largest value a `number` column takes (bigger ones are refused as mistakes). */
  max?: number;
  /**
   * Other names a header may give the column (lower case, words joined by `_`): read as this column, with a
   * warning. Only used when the header does not have the column under its own name.
   */
  synonyms?: readonly string[];
  description: string;
}

export type BundleFile = 'entities.csv' | 'relations.csv' | 'shipments.csv' | 'places.csv';

export interface FileSpec {
  file: BundleFile;
  /** Whether a bundle must contain this file. */
  required: boolean;
  /** Column whose values must be unique within the file (and, for entities, are referenced elsewhere). */
  idColumn?: string;
  columns: ColumnSpec[];
  description: string;
}

/**
 * The kind of an entity whose kind cell gives its legal form or company type, as registers and OpenCorporates write
 * it (`Private Limited Company`, `Limited Liability Company`, `Foreign Profit Corporation`, `Non-profit Corporation`):
 * organization for a non-profit, a charity, a foundation or an association, company for any other form a word of
 * which names a company; undefined otherwise. Words, not the whole cell: register types are long and many.
 */
export function kindOfCompanyType(raw: string): 'company' | 'organization' | undefined {
  if (raw.length > 120) return undefined;
  const words = raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\./g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const text = ` ${words.join(' ')} `;
  if (/ (non ?profit|not for profit|charity|charitable|foundation|association|incorporated organisation) /.test(text)) return 'organization';
  return words.some((w) => COMPANY_FORM_WORDS.has(w)) ? 'company' : undefined;
}

/** Words of a company type that name a company (kindOfCompanyType). */
const COMPANY_FORM_WORDS: ReadonlySet<string> = new Set([
  'company', 'companies', 'corporation', 'corp', 'limited', 'ltd', 'llc', 'llp', 'plc', 'inc', 'incorporated', 'partnership',
  'gmbh', 'sarl', 'sas', 'srl', 'spa', 'bv', 'nv', 'oy', 'oyj', 'kft', 'sro', 'doo', 'ooo', 'zao', 'oao', 'pjsc', 'jsc',
]);

/** Words registers and spreadsheets use for the kinds of entities. */
export const ENTITY_KIND_ALIASES: Readonly<Record<string, string>> = {
  individual: 'person',
  natural_person: 'person',
  private_person: 'person',
  legal_entity: 'company',
  legal_person: 'company',
  corporation: 'company',
  firm: 'company',
  business: 'company',
  enterprise: 'company',
  co: 'company',
  company_limited: 'company',
  ltd: 'company',
  llc: 'company',
  inc: 'company',
  corp: 'company',
  plc: 'company',
  organisation: 'organization',
  org: 'organization',
  ngo: 'organization',
  // The same in French, Spanish, German, Italian, Portuguese and Turkish, and legal forms (matched without accents or
  // dots: `Société`, `S.A.R.L.`, `Gerçek kişi`).
  societe: 'company',
  entreprise: 'company',
  etablissement: 'company',
  etablissements: 'company',
  ets: 'company',
  compagnie: 'company',
  firme: 'company',
  empresa: 'company',
  sociedad: 'company',
  sociedade: 'company',
  societa: 'company',
  impresa: 'company',
  firma: 'company',
  unternehmen: 'company',
  gesellschaft: 'company',
  sirket: 'company',
  sarl: 'company',
  sa: 'company',
  sas: 'company',
  sasu: 'company',
  eurl: 'company',
  snc: 'company',
  gie: 'company',
  sl: 'company',
  srl: 'company',
  spa: 'company',
  ltda: 'company',
  gmbh: 'company',
  ag: 'company',
  kg: 'company',
  ug: 'company',
  bv: 'company',
  nv: 'company',
  as: 'company',
  ltd_sti: 'company',
  sti: 'company',
  fze: 'company',
  fzco: 'company',
  fzc: 'company',
  jsc: 'company',
  llp: 'company',
  pte_ltd: 'company',
  pty_ltd: 'company',
  sadecv: 'company',
  sapidecv: 'company',
  srldecv: 'company',
  sac: 'company',
  saa: 'company',
  eirl: 'company',
  cialtda: 'company',
  slu: 'company',
  gmbhcokg: 'company',
  spzoo: 'company',
  sro: 'company',
  kft: 'company',
  oy: 'company',
  oyj: 'company',
  ab: 'company',
  aps: 'company',
  asa: 'company',
  sdnbhd: 'company',
  bhd: 'company',
  ооо: 'company',
  ooo: 'company',
  zao: 'company',
  oao: 'company',
  оао: 'company',
  зао: 'company',
  пао: 'company',
  тов: 'company',
  personne: 'person',
  personne_physique: 'person',
  individu: 'person',
  particulier: 'person',
  persona: 'person',
  persona_fisica: 'person',
  pessoa_fisica: 'person',
  persona_natural: 'person',
  // (a company in all but name: Peru's register gives a sole trader a RUC of its own and a business name)
  persona_natural_con_negocio: 'company',
  persona_juridica: 'company',
  persona_moral: 'company',
  pessoa_juridica: 'company',
  personne_morale: 'company',
  juristische_person: 'company',
  tuzel_kisi: 'company',
  naturliche_person: 'person',
  privatperson: 'person',
  kisi: 'person',
  gercek_kisi: 'person',
  sahis: 'person',
  association: 'organization',
  ong: 'organization',
  cooperative: 'organization',
  organizacion: 'organization',
  asociacion: 'organization',
  cooperativa: 'organization',
  organizzazione: 'organization',
  organizacao: 'organization',
  verein: 'organization',
  stiftung: 'organization',
  fondation: 'organization',
  fundacion: 'organization',
  dernek: 'organization',
  vakif: 'organization',
  kooperatif: 'organization',
  // In Arabic (arabic.ts), by arabicKey.
  ...byArabicKey(ARABIC_ENTITY_KINDS),
  // In Russian and Ukrainian (cyrillic.ts), by cyrillicKey.
  ...byCyrillicKey(CYRILLIC_ENTITY_KINDS),
};

/** Words maps and customs lists use for the kinds of places. */
export const PLACE_KIND_ALIASES: Readonly<Record<string, string>> = {
  border_gate: 'border_crossing',
  border_post: 'border_crossing',
  border_point: 'border_crossing',
  border_checkpoint: 'border_crossing',
  border_crossing_point: 'border_crossing',
  crossing: 'border_crossing',
  crossing_point: 'border_crossing',
  land_border: 'border_crossing',
  seaport: 'port',
  sea_port: 'port',
  harbour: 'port',
  harbor: 'port',
  river_port: 'port',
  airfield: 'airport',
  air_port: 'airport',
  // French, Spanish, German, Italian, Portuguese and Turkish (matched without accents: `Poste frontière`, `Sınır kapısı`).
  poste_frontiere: 'border_crossing',
  poste_frontalier: 'border_crossing',
  point_de_passage: 'border_crossing',
  passage_frontalier: 'border_crossing',
  frontiere: 'border_crossing',
  paso_fronterizo: 'border_crossing',
  paso_de_frontera: 'border_crossing',
  cruce_fronterizo: 'border_crossing',
  puesto_de_control_fronterizo: 'border_crossing',
  // (Centro Binacional de Atención en Frontera: the joint border posts of the Andean countries)
  cebaf: 'border_crossing',
  puesto_fronterizo: 'border_crossing',
  valico_di_frontiera: 'border_crossing',
  posto_de_fronteira: 'border_crossing',
  grenzubergang: 'border_crossing',
  grenzuebergang: 'border_crossing',
  sinir_kapisi: 'border_crossing',
  gumruk_kapisi: 'border_crossing',
  port_maritime: 'port',
  port_fluvial: 'port',
  puerto: 'port',
  porto: 'port',
  hafen: 'port',
  liman: 'port',
  aeroport: 'airport',
  aeropuerto: 'airport',
  aeroporto: 'airport',
  flughafen: 'airport',
  havalimani: 'airport',
  havaalani: 'airport',
  // In Arabic (arabic.ts), by arabicKey.
  ...byArabicKey(ARABIC_PLACE_KINDS),
  // In Russian and Ukrainian (cyrillic.ts), by cyrillicKey.
  ...byCyrillicKey(CYRILLIC_PLACE_KINDS),
};

/** Words for the kinds of ties, each in the direction of its kind (the source owns, directs, pays). */
export const RELATION_KIND_ALIASES: Readonly<Record<string, string>> = {
  shareholder: 'owner',
  shareholder_of: 'owner',
  owns: 'owner',
  owner_of: 'owner',
  ownership: 'owner',
  beneficial_owner: 'owner',
  ubo: 'owner',
  parent_company: 'owner',
  // As the ICIJ Offshore Leaks database links officers to companies (`shareholder of`, `beneficiary of`, …).
  beneficiary: 'owner',
  nominee_shareholder: 'owner',
  bearer: 'owner',
  nominee_director: 'director',
  trustee: 'director',
  intermediary: 'agent',
  signatory: 'agent',
  authorised_signatory: 'agent',
  authorized_signatory: 'agent',
  power_of_attorney: 'agent',
  attorney: 'agent',
  protector: 'associate',
  secretary: 'associate',
  auditor: 'associate',
  legal_advisor: 'associate',
  board_member: 'director',
  directorship: 'director',
  director_of: 'director',
  managing_director: 'director',
  ceo: 'director',
  chairman: 'director',
  manager: 'director',
  relative: 'family',
  related: 'family',
  family_member: 'family',
  spouse: 'family',
  husband: 'family',
  wife: 'family',
  sibling: 'family',
  brother: 'family',
  sister: 'family',
  father: 'family',
  mother: 'family',
  parent: 'family',
  son: 'family',
  daughter: 'family',
  child: 'family',
  cousin: 'family',
  uncle: 'family',
  aunt: 'family',
  nephew: 'family',
  niece: 'family',
  brother_in_law: 'family',
  sister_in_law: 'family',
  employment: 'employee',
  employee_of: 'employee',
  works_for: 'employee',
  employed_by: 'employee',
  same_address: 'shared_address',
  shares_address: 'shared_address',
  shared_address_with: 'shared_address',
  address: 'shared_address',
  associate_of: 'associate',
  business_partner: 'associate',
  partner: 'associate',
  representative: 'agent',
  agent_of: 'agent',
  paid: 'paid_for',
  payer: 'paid_for',
  consignee: 'consigned_to',
  // French, Spanish, German, Italian, Portuguese and Turkish (matched without accents: `gérant`, `Geschäftsführer`,
  // `müdür`). `associé`, `socio`, `partner`: associate (write owner where the partner holds shares).
  actionnaire: 'owner',
  proprietaire: 'owner',
  detenteur: 'owner',
  beneficiaire_effectif: 'owner',
  societe_mere: 'owner',
  maison_mere: 'owner',
  accionista: 'owner',
  propietario: 'owner',
  dueno: 'owner',
  titular: 'owner',
  acionista: 'owner',
  proprietario: 'owner',
  azionista: 'owner',
  socio_unico: 'owner',
  gesellschafter: 'owner',
  anteilseigner: 'owner',
  aktionar: 'owner',
  aktionaer: 'owner',
  eigentumer: 'owner',
  eigentuemer: 'owner',
  inhaber: 'owner',
  muttergesellschaft: 'owner',
  hissedar: 'owner',
  pay_sahibi: 'owner',
  sahibi: 'owner',
  gerant: 'director',
  cogerant: 'director',
  directeur: 'director',
  directeur_general: 'director',
  administrateur: 'director',
  pdg: 'director',
  dirigeant: 'director',
  president: 'director',
  gerente: 'director',
  gerente_general: 'director',
  representante_legal: 'director',
  // (the titular of a Peruvian E.I.R.L. owns it, and is most often its manager too: written `Titular gerente`)
  titular_gerente: 'owner',
  director_general: 'director',
  administrador: 'director',
  consejero: 'director',
  diretor: 'director',
  direttore: 'director',
  amministratore: 'director',
  geschaftsfuhrer: 'director',
  geschaeftsfuehrer: 'director',
  vorstand: 'director',
  direktor: 'director',
  mudur: 'director',
  genel_mudur: 'director',
  yonetici: 'director',
  yonetim_kurulu_uyesi: 'director',
  yetkili: 'director',
  famille: 'family',
  parente: 'family',
  frere: 'family',
  soeur: 'family',
  pere: 'family',
  mere: 'family',
  fils: 'family',
  fille: 'family',
  epoux: 'family',
  epouse: 'family',
  conjoint: 'family',
  mari: 'family',
  femme: 'family',
  oncle: 'family',
  tante: 'family',
  neveu: 'family',
  beau_frere: 'family',
  belle_soeur: 'family',
  familia: 'family',
  hermano: 'family',
  hermana: 'family',
  padre: 'family',
  madre: 'family',
  hijo: 'family',
  hija: 'family',
  esposo: 'family',
  esposa: 'family',
  conyuge: 'family',
  primo: 'family',
  prima: 'family',
  familie: 'family',
  bruder: 'family',
  schwester: 'family',
  vater: 'family',
  mutter: 'family',
  sohn: 'family',
  tochter: 'family',
  ehemann: 'family',
  ehefrau: 'family',
  verwandt: 'family',
  verwandter: 'family',
  aile: 'family',
  akraba: 'family',
  kardes: 'family',
  baba: 'family',
  anne: 'family',
  ogul: 'family',
  kiz: 'family',
  es: 'family',
  kuzen: 'family',
  employe: 'employee',
  salarie: 'employee',
  empleado: 'employee',
  trabajador: 'employee',
  dipendente: 'employee',
  empregado: 'employee',
  angestellter: 'employee',
  mitarbeiter: 'employee',
  calisan: 'employee',
  meme_adresse: 'shared_address',
  adresse_partagee: 'shared_address',
  misma_direccion: 'shared_address',
  mismo_domicilio: 'shared_address',
  gleiche_adresse: 'shared_address',
  ayni_adres: 'shared_address',
  associe: 'associate',
  partenaire: 'associate',
  socio: 'associate',
  socia: 'associate',
  geschaftspartner: 'associate',
  representant: 'agent',
  mandataire: 'agent',
  apoderado: 'agent',
  representante: 'agent',
  rappresentante: 'agent',
  vertreter: 'agent',
  temsilci: 'agent',
  payeur: 'paid_for',
  pagador: 'paid_for',
  zahler: 'paid_for',
  odeyen: 'paid_for',
  destinataire: 'consigned_to',
  consignataire: 'consigned_to',
  destinatario: 'consigned_to',
  consignatario: 'consigned_to',
  empfanger: 'consigned_to',
  alici: 'consigned_to',
  // In Arabic (arabic.ts), by arabicKey.
  ...byArabicKey(ARABIC_RELATION_KINDS),
  // In Russian and Ukrainian (cyrillic.ts), by cyrillicKey.
  ...byCyrillicKey(CYRILLIC_RELATION_KINDS),
};

/** The largest quantity a shipment may state, in its unit: beyond this it is a mistake (10^13). */
export const MAX_QUANTITY = 1e13;
/** The largest mass of one shipment, in kg: a billion tonnes (10^12 kg), more than any ship or year of trade carries between two parties. */
export const MAX_KG = 1e12;
/** The largest volume of one shipment, in litres: a billion cubic metres (10^12 l), so that its weight stays within bounds too. */
export const MAX_LITRES = 1e12;
/** The largest invoice value, in any currency (10^18): beyond this it is a mistake, even in currencies of small units. */
export const MAX_VALUE = 1e18;

/**
 * Names that spreadsheets, registers and customs systems in French, Spanish, Portuguese, Italian, German and Turkish
 * give the columns, as `synonyms` are written (lower case, words joined by `_`) and without accents or apostrophes
 * (`Pays` → `pays`, `Date d'expédition` → `date_d_expedition`, `Alıcı` → `alici`): read as the column, with a warning,
 * when the header does not have it under its own name. A sheet exported from a French registry or a Turkish customs
 * system keeps its own headers; without these, a bundle written from them stopped at "missing required column".
 */
const OTHER_LANGUAGE_NAMES: Readonly<Record<BundleFile, Readonly<Record<string, readonly string[]>>>> = {
  'entities.csv': {
    id: ['identifiant', 'identificador', 'kennung'],
    kind: ['nature', 'tipo', 'typ', 'art', 'tur', 'tipi'],
    name: ['nom', 'raison_sociale', 'denomination', 'denomination_sociale', 'nom_de_l_entreprise', 'nombre', 'razon_social', 'denominacion', 'nome', 'ragione_sociale', 'firmenname', 'firma', 'unvan', 'ad', 'adi', 'ad_soyad', 'firma_adi', 'sirket_adi'],
    country: ['pays', 'pais', 'land', 'staat', 'paese', 'ulke'],
    city: ['ville', 'localite', 'commune', 'ciudad', 'localidad', 'municipio', 'cidade', 'citta', 'stadt', 'ort', 'sehir', 'il', 'ilce'],
    address: ['adresse', 'adresse_postale', 'siege', 'siege_social', 'direccion', 'domicilio', 'endereco', 'indirizzo', 'anschrift', 'adres'],
    sector: ['secteur', 'activite', 'secteur_d_activite', 'activite_principale', 'actividad', 'giro', 'rubro', 'branche', 'tatigkeit', 'taetigkeit', 'sektor', 'faaliyet', 'faaliyet_alani', 'is_kolu'],
    employees: ['effectif', 'effectifs', 'nombre_d_employes', 'salaries', 'empleados', 'numero_de_empleados', 'trabajadores', 'mitarbeiter', 'beschaftigte', 'beschaeftigte', 'calisan_sayisi', 'personel_sayisi'],
    founded: ['date_de_creation', 'date_creation', 'creation', 'date_d_immatriculation', 'fecha_de_constitucion', 'fecha_de_creacion', 'grundungsdatum', 'gruendungsdatum', 'grundung', 'gruendung', 'kurulus_tarihi'],
    phone: ['telefono', 'telefon', 'tel_no'],
    registration_number: ['siren', 'siret', 'rccm', 'numero_rccm', 'numero_rc', 'registre_du_commerce', 'handelsregisternummer', 'hrb', 'sicil_no', 'ticaret_sicil_no', 'mersis_no', 'ruc', 'rut'],
  },
  'relations.csv': {
    source: ['origine', 'de', 'origen', 'desde', 'quelle', 'von', 'kaynak'],
    target: ['cible', 'vers', 'destino', 'hacia', 'ziel', 'nach', 'hedef'],
    kind: ['lien', 'nature_du_lien', 'tipo', 'tipo_de_relacion', 'vinculo', 'relacion', 'beziehung', 'art', 'iliski', 'iliski_turu'],
    share: ['part', 'pourcentage', 'participation', 'quote_part', 'porcentaje', 'participacion', 'anteil', 'beteiligung', 'hisse', 'hisse_orani', 'pay_orani'],
    start: ['debut', 'date_de_debut', 'inicio', 'fecha_de_inicio', 'beginn', 'baslangic'],
    end: ['fin', 'date_de_fin', 'fecha_de_fin', 'ende', 'bitis'],
  },
  'shipments.csv': {
    id: ['numero_de_facture', 'facture', 'n_facture', 'factura', 'numero_de_factura', 'n_factura', 'dua', 'n_dua', 'numero_de_dua', 'declaracion', 'numero_de_declaracion', 'declaracion_aduanera', 'pedimento', 'guia', 'n_guia', 'guia_de_remision', 'numero_de_guia', 'rechnungsnummer', 'rechnung', 'rechnungs_nr', 'rechnung_nr', 'lieferschein', 'lieferschein_nr', 'lieferscheinnummer', 'belegnummer', 'beleg_nr', 'zollanmeldung', 'zollanmeldungsnummer', 'fatura_no', 'fatura', 'beyanname_no'],
    supplier: ['fournisseur', 'vendeur', 'expediteur', 'exportateur', 'proveedor', 'vendedor', 'exportador', 'lieferant', 'verkaufer', 'verkaeufer', 'exporteur', 'tedarikci', 'satici', 'ihracatci'],
    buyer: ['acheteur', 'client', 'acquereur', 'importateur', 'comprador', 'cliente', 'importador', 'kaufer', 'kaeufer', 'kunde', 'importeur', 'alici', 'musteri', 'ithalatci'],
    commodity: ['marchandise', 'marchandises', 'produit', 'designation', 'libelle', 'mercancia', 'mercaderia', 'producto', 'descripcion', 'descripcion_comercial', 'descripcion_de_la_mercancia', 'descripcion_de_mercancia', 'descripcion_del_producto', 'mercadoria', 'descricao', 'ware', 'waren', 'warenbezeichnung', 'urun', 'mal', 'esya', 'esya_tanimi', 'mal_tanimi'],
    hs_code: ['code_sh', 'sh', 'nomenclature', 'code_douanier', 'position_tarifaire', 'codigo_sa', 'partida_arancelaria', 'fraccion_arancelaria', 'partida', 'subpartida', 'subpartida_nacional', 'subpartida_arancelaria', 'posicion_arancelaria', 'nandina', 'ncm', 'zolltarifnummer', 'warennummer', 'gtip'],
    quantity: ['quantite', 'qte', 'cantidad', 'quantidade', 'quantita', 'menge', 'anzahl', 'miktar'],
    weight_kg: ['peso_neto', 'peso_neto_kg', 'peso_bruto', 'peso_bruto_kg', 'peso_kg', 'kilos_netos', 'peso_liquido', 'poids_net', 'poids_net_kg', 'poids_brut', 'poids_kg', 'nettogewicht', 'bruttogewicht', 'gewicht_kg', 'net_agirlik', 'brut_agirlik'],
    unit: ['unite', 'unidad', 'unidade', 'unita', 'einheit', 'birim', 'olcu_birimi'],
    concentration: ['teneur', 'purete', 'concentracion', 'pureza', 'konzentration', 'konsantrasyon'],
    value: ['valeur', 'montant', 'valor', 'importe', 'monto', 'wert', 'betrag', 'warenwert', 'tutar', 'deger', 'bedel', 'fatura_tutari'],
    currency: ['devise', 'monnaie', 'moneda', 'divisa', 'wahrung', 'waehrung', 'para_birimi', 'doviz'],
    shipped: ['date_d_expedition', 'date_expedition', 'date_d_envoi', 'fecha', 'fecha_de_envio', 'fecha_de_embarque', 'datum', 'versanddatum', 'tarih', 'sevk_tarihi', 'gonderim_tarihi'],
    received: ['date_de_reception', 'date_de_livraison', 'fecha_de_recepcion', 'fecha_de_entrega', 'empfangsdatum', 'eingangsdatum', 'lieferdatum', 'teslim_tarihi', 'varis_tarihi'],
    origin_country: ['pays_d_origine', 'origine', 'pais_de_origen', 'pais_origen', 'pais_de_procedencia', 'origen', 'ursprungsland', 'herkunftsland', 'mense_ulkesi', 'mense'],
    destination_country: ['pays_de_destination', 'pais_de_destino', 'pais_destino', 'destino', 'bestimmungsland', 'zielland', 'varis_ulkesi'],
    transit_countries: ['pays_de_transit', 'pais_de_transito', 'transito', 'durchfuhr', 'transitland'],
    consignee: ['destinataire', 'consignataire', 'destinatario', 'consignatario', 'empfanger', 'empfaenger', 'teslim_alan'],
    payer: ['payeur', 'paye_par', 'pagador', 'pagado_por', 'zahler', 'bezahlt_von', 'odeyen'],
  },
  'places.csv': {
    id: ['identifiant', 'identificador'],
    name: ['nom', 'nombre', 'ad', 'adi'],
    kind: ['nature', 'tipo', 'typ', 'art', 'tur'],
    countries: ['pays', 'pais', 'land', 'ulke', 'ulkeler'],
  },
};

/** A file's contract with its columns' names in other languages (OTHER_LANGUAGE_NAMES) among their synonyms. */
function inOtherLanguages(spec: FileSpec): FileSpec {
  const names = OTHER_LANGUAGE_NAMES[spec.file];
  // Arabic names as the header reader compares them (arabicKey: hamza forms, ta marbuta and marks aside).
  const arabic = ARABIC_COLUMN_NAMES[spec.file] ?? {};
  // Russian and Ukrainian names as the header reader writes them (cyrillic.ts).
  const cyrillic = CYRILLIC_COLUMN_NAMES[spec.file] ?? {};
  const more = (c: ColumnSpec) => [
    ...(Object.hasOwn(names, c.name) ? names[c.name] : []),
    ...(Object.hasOwn(arabic, c.name) ? arabic[c.name].map(arabicKey) : []),
    ...(Object.hasOwn(cyrillic, c.name) ? cyrillic[c.name] : []),
  ];
  return { ...spec, columns: spec.columns.map((c) => (more(c).length > 0 ? { ...c, synonyms: [...(c.synonyms ?? []), ...more(c)] } : c)) };
}

/** Names of a column that holds a latitude and a longitude together. */
const COORDINATES_SYNONYMS = ['coords', 'lat_lon', 'latlon', 'lat_long', 'lat_lng', 'latitude_longitude', 'gps', 'gps_coordinates', 'geo_coordinates', 'lat_lon_coordinates'];

export const ENTITIES_SPEC: FileSpec = inOtherLanguages({
  file: 'entities.csv',
  required: true,
  idColumn: 'id',
  description: 'Companies, people and organizations: the nodes of the network.',
  columns: [
    { name: 'id', type: 'id', required: true, synonyms: ['entity_id', 'ref', 'reference', 'entity_ref', 'entity_reference', 'node_id', 'lei'], description: 'Unique identifier, referenced by the other files.' },
    { name: 'kind', type: 'enum', values: ENTITY_KINDS, aliases: ENTITY_KIND_ALIASES, required: true, synonyms: ['entity_kind', 'entity_type', 'type'], description: 'company, person or organization.' },
    { name: 'name', type: 'text', required: true, synonyms: ['entity_name', 'company_name', 'full_name', 'legal_name', 'entity_legal_name'], description: 'Name as written in the source.' },
    { name: 'country', type: 'country', synonyms: ['country_code', 'country_codes', 'countries', 'reg_address_country', 'country_of_origin', 'country_of_incorporation', 'country_of_registration', 'entity_legal_address_country', 'legal_address_country', 'jurisdiction_code'], description: 'ISO 3166-1 alpha-2 code.' },
    { name: 'city', type: 'text', synonyms: ['town', 'post_town', 'reg_address_post_town', 'registered_address_post_town', 'registered_town', 'entity_legal_address_city', 'legal_address_city'], description: 'City or town.' },
    { name: 'address', type: 'text', synonyms: ['street_address', 'reg_address_address_line1', 'registered_address', 'registered_office_address', 'registered_address_in_full'], description: 'Street address.' },
    { name: 'lat', type: 'latitude', givenBy: 'coordinates', synonyms: ['latitude'], description: 'Latitude in decimal degrees (WGS 84), with lon.' },
    { name: 'lon', type: 'longitude', givenBy: 'coordinates', synonyms: ['longitude', 'lng', 'long'], description: 'Longitude in decimal degrees (WGS 84), with lat.' },
    { name: 'coordinates', type: 'coordinates', synonyms: COORDINATES_SYNONYMS, description: 'Latitude and longitude in one cell, latitude first, as maps copy them (36.6456, 37.0845); read as lat and lon.' },
    { name: 'sector', type: 'text', synonyms: ['industry', 'line_of_business', 'activity', 'main_activity', 'business_activity', 'principal_activity', 'nature_of_business', 'sic_code_sic_text_1', 'sic_text_1', 'sic_text', 'sic_description', 'industry_codes', 'industry_code', 'sic_codes'], description: 'Line of business in free text.' },
    { name: 'isic', type: 'isic', synonyms: ['isic_code', 'isic4', 'isic_rev4', 'isic_rev_4'], description: 'ISIC Rev.4 code of the line of business.' },
    { name: 'employees', type: 'integer', synonyms: ['employee_count', 'number_of_employees'], description: 'Number of employees.' },
    { name: 'founded', type: 'date', synonyms: ['founding_date', 'date_founded', 'incorporation_date', 'incorporated', 'date_of_incorporation', 'incorporated_on', 'established', 'date_established', 'registration_date', 'date_of_registration'], description: 'Date of founding or registration.' },
    {
      name: 'phone',
      type: 'phone',
      synonyms: ['telephone', 'tel', 'phone_number', 'telephone_number'],
      description: 'Phone number, one per entity; kept as written in attributes.phone (company groups and address-hub compare its digits).',
    },
    {
      name: 'registration_number',
      type: 'registration',
      synonyms: ['registration_no', 'registration', 'reg_no', 'reg_number', 'registry_number', 'company_number', 'company_no', 'company_registration_number', 'trade_register_number', 'commercial_register_number'],
      description: 'Registration number in a companies register; kept as written in attributes.registration_number (name matching and screening compare it).',
    },
  ],
});

export const RELATIONS_SPEC: FileSpec = inOtherLanguages({
  file: 'relations.csv',
  required: false,
  description: 'Ties between entities: ownership, directorship, family, employment, shared address, association, agency, payment for goods, consignment.',
  columns: [
    { name: 'source', type: 'id', required: true, refersToEntity: true, synonyms: ['from', 'source_id', 'node_id_start', 'start_id', 'start_node', 'relationship_start_node_node_id'], description: 'Entity the tie starts from (the owner, the director, the employee, the agent, the payer, the buyer whose goods were consigned).' },
    { name: 'target', type: 'id', required: true, refersToEntity: true, synonyms: ['to', 'target_id', 'node_id_end', 'end_id', 'end_node', 'relationship_end_node_node_id'], description: 'Entity the tie points to (the owned company, the company directed, the employer, the principal, the buyer paid for, the consignee).' },
    { name: 'kind', type: 'enum', values: RELATION_KINDS, aliases: RELATION_KIND_ALIASES, required: true, synonyms: ['type', 'relation_type', 'relationship', 'role', 'relation', 'relation_kind', 'tie_kind', 'link_type', 'connection_type', 'link', 'relationship_relationship_type'], description: 'owner, director, family, employee, shared_address, associate, agent, paid_for or consigned_to.' },
    { name: 'share', type: 'percent', synonyms: ['percentage', 'share_percent', 'ownership_share', 'ownership_percent', 'ownership_percentage', 'stake', 'stake_percent', 'equity_share'], description: 'Ownership share in percent (0 to 100).' },
    { name: 'start', type: 'date', synonyms: ['start_date'], description: 'Date the tie began.' },
    { name: 'end', type: 'date', synonyms: ['end_date'], description: 'Date the tie ended.' },
  ],
});

export const SHIPMENTS_SPEC: FileSpec = inOtherLanguages({
  file: 'shipments.csv',
  required: false,
  idColumn: 'id',
  description: 'Goods sold by a supplier to a buyer.',
  columns: [
    { name: 'id', type: 'id', required: true, synonyms: ['shipment_id', 'shipment_no', 'shipment_number', 'shipment_ref', 'shipment_reference', 'bill_of_lading', 'bill_of_lading_number', 'bl_number', 'bol_number', 'bol', 'air_waybill', 'awb', 'declaration_number', 'declaration_no', 'declaration_id', 'customs_declaration', 'customs_declaration_number', 'entry_number', 'entry_no', 'invoice_no', 'invoice_number', 'invoice_id', 'invoice_ref', 'ref', 'reference', 'ref_no'], description: 'Unique identifier of the shipment.' },
    { name: 'supplier', type: 'id', required: true, refersToEntity: true, synonyms: ['seller', 'vendor', 'supplier_id', 'exporter', 'exporter_id', 'shipper', 'shipper_id', 'consignor', 'consignor_id'], description: 'Entity that sold the goods.' },
    {
      name: 'buyer',
      type: 'id',
      required: true,
      refersToEntity: true,
      synonyms: ['purchaser', 'buyer_id', 'importer', 'importer_id'],
      standIn: 'consignee',
      standInWhy: 'customs records name the importer as the consignee',
      description: 'Entity that bought the goods.',
    },
    { name: 'commodity', type: 'text', required: true, synonyms: ['goods', 'goods_description', 'commodity_description', 'description', 'product', 'product_description', 'item_description', 'goods_shipped', 'description_of_goods'], description: 'What was shipped, in words.' },
    { name: 'hs_code', key: 'hsCode', type: 'hsCode', synonyms: ['hs', 'hscode', 'hs6', 'hs_6', 'tariff_code'], description: 'Harmonized System code (dots allowed: 3212.90).' },
    { name: 'quantity', type: 'number', max: MAX_QUANTITY, synonyms: ['qty'], description: 'Amount shipped, in `unit`.' },
    {
      name: 'weight_kg',
      key: 'weightKg',
      type: 'number',
      max: MAX_KG,
      synonyms: ['net_weight_kg', 'net_weight', 'gross_weight_kg', 'gross_weight', 'quantity_kg', 'net_mass_kg', 'mass_kg', 'kg'],
      description: 'Mass of the goods in kg, as customs records give it: the quantity in kg when the row has no quantity.',
    },
    { name: 'unit', type: 'unit', values: UNITS, synonyms: ['uom', 'unit_of_measure', 'unit_of_quantity', 'quantity_unit', 'qty_unit', 'q_unit', 'quantity_uom', 'qty_uom', 'unit_of_qty'], description: 'Unit of quantity: kg, g, t, carats, l, m3, m, m2, pcs, pairs, dozen or 1000u (WCO units; usual spellings accepted).' },
    { name: 'concentration', type: 'concentration', synonyms: ['concentration_percent', 'purity'], description: 'Concentration of the goods in percent by weight (w/w), 0 to 100.' },
    { name: 'value', type: 'number', max: MAX_VALUE, synonyms: ['invoice_value', 'declared_value', 'total_value', 'invoice_amount', 'amount', 'trade_value', 'customs_value', 'fob_value', 'cif_value', 'statistical_value', 'value_of_goods', 'goods_value'], description: 'Invoice value, in `currency`.' },
    { name: 'currency', type: 'currency', synonyms: ['currency_code', 'ccy', 'curr', 'cur', 'curr_code', 'currency_iso', 'invoice_currency', 'value_currency'], description: 'ISO 4217 code.' },
    { name: 'shipped', type: 'date', synonyms: ['ship_date', 'shipped_date', 'shipping_date', 'date_shipped', 'departure_date', 'shipment_date', 'export_date', 'declaration_date', 'date_of_declaration', 'date'], description: 'Date the goods left the supplier.' },
    { name: 'received', type: 'date', synonyms: ['received_date', 'receipt_date', 'date_received', 'arrival_date', 'delivery_date', 'import_date'], description: 'Date the goods arrived.' },
    { name: 'origin_country', key: 'originCountry', type: 'country', synonyms: ['origin', 'country_of_origin', 'export_country', 'shipment_origin', 'country_of_export'], description: 'Country the goods left.' },
    { name: 'destination_country', key: 'destinationCountry', type: 'country', synonyms: ['destination', 'country_of_destination', 'import_country', 'shipment_destination', 'country_of_import'], description: 'Country the goods went to.' },
    {
      name: 'transit_countries',
      key: 'transitCountries',
      type: 'countryList',
      synonyms: ['transit', 'transit_country', 'via', 'route', 'routing', 'transshipment', 'transshipment_countries', 'countries_of_transit'],
      description: 'Countries the goods passed through between origin and destination, in order, separated by | (AE|GE).',
    },
    { name: 'consignee', type: 'id', refersToEntity: true, synonyms: ['consignee_id', 'ship_to', 'deliver_to', 'delivered_to'], description: 'Entity that physically received the goods, when not the buyer.' },
    { name: 'payer', type: 'id', refersToEntity: true, synonyms: ['payer_id', 'paid_by', 'payor'], description: 'Entity that paid, when not the buyer.' },
  ],
});

export const PLACES_SPEC: FileSpec = inOtherLanguages({
  file: 'places.csv',
  required: false,
  idColumn: 'id',
  description: 'Border crossings, ports and airports: the geography the clusters are measured against.',
  columns: [
    { name: 'id', type: 'id', required: true, synonyms: ['place_id'], description: 'Unique identifier of the place.' },
    { name: 'name', type: 'text', required: true, synonyms: ['place_name'], description: 'Name of the place.' },
    { name: 'kind', type: 'enum', values: PLACE_KINDS, aliases: PLACE_KIND_ALIASES, required: true, synonyms: ['place_kind', 'place_type', 'type'], description: 'border_crossing, port or airport.' },
    { name: 'lat', type: 'latitude', required: true, givenBy: 'coordinates', synonyms: ['latitude'], description: 'Latitude in decimal degrees (WGS 84).' },
    { name: 'lon', type: 'longitude', required: true, givenBy: 'coordinates', synonyms: ['longitude', 'lng', 'long'], description: 'Longitude in decimal degrees (WGS 84).' },
    { name: 'coordinates', type: 'coordinates', synonyms: COORDINATES_SYNONYMS, description: 'Latitude and longitude in one cell, latitude first (36.6456, 37.0845); read as lat and lon.' },
    { name: 'countries', type: 'countryList', synonyms: ['country', 'country_codes'], description: 'Countries the place joins, separated by | (TR|SY).' },
  ],
});

/** The four files of a bundle, in the order they are read (entities first: the others refer to them). */
export const BUNDLE_FILES: readonly FileSpec[] = [ENTITIES_SPEC, PLACES_SPEC, RELATIONS_SPEC, SHIPMENTS_SPEC];

/** Kilograms per unit, for the units that are masses (a carat is 0.2 g). */
export const KG_PER_UNIT: Readonly<Record<string, number>> = { kg: 1, g: 0.001, t: 1000, carats: 0.0002 };

/** Litres per unit, for the units that are volumes: these weigh only with the density of the goods. */
export const LITRES_PER_UNIT: Readonly<Record<string, number>> = { l: 1, m3: 1000 };

/** The quantity in kilograms when the unit is a mass (kg, g, t, carats); undefined otherwise. */
export function kilograms(quantity: number, unit: Unit): number | undefined {
  const factor = Object.prototype.hasOwnProperty.call(KG_PER_UNIT, unit) ? KG_PER_UNIT[unit] : undefined;
  return factor === undefined ? undefined : quantity * factor;
}

/**
 * Checks that involve several columns of one row, run after each column parsed on its own.
 * `row` holds the parsed values by record key. Returns problems as column + reason.
 */
export function crossFieldProblems(file: BundleFile, row: Record<string, unknown>): { column: string; reason: string }[] {
  const problems: { column: string; reason: string }[] = [];
  if (file === 'entities.csv' || file === 'places.csv') {
    const hasLat = row.lat !== undefined;
    const hasLon = row.lon !== undefined;
    if (hasLat !== hasLon) {
      problems.push({ column: hasLat ? 'lon' : 'lat', reason: 'latitude and longitude must be given together' });
    }
  }
  if (file === 'relations.csv') {
    if (row.source !== undefined && row.source === row.target) {
      problems.push({ column: 'target', reason: `an entity cannot have a tie to itself (${JSON.stringify(row.source)})` });
    }
    if (typeof row.start === 'string' && typeof row.end === 'string' && row.end < row.start) {
      problems.push({ column: 'end', reason: `end ${row.end} is before start ${row.start}` });
    }
  }
  if (file === 'shipments.csv') {
    if (row.supplier !== undefined && row.supplier === row.buyer) {
      problems.push({ column: 'buyer', reason: `supplier and buyer are the same entity (${JSON.stringify(row.buyer)})` });
    }
    if (typeof row.shipped === 'string' && typeof row.received === 'string' && row.received < row.shipped) {
      problems.push({ column: 'received', reason: `received ${row.received} is before shipped ${row.shipped}` });
    }
    if (row.quantity !== undefined && row.unit === undefined) {
      problems.push({ column: 'unit', reason: `a quantity needs a unit (${UNITS.join(', ')})` });
    }
    if (typeof row.quantity === 'number' && typeof row.unit === 'string') {
      const kg = kilograms(row.quantity, row.unit as Unit);
      if (kg !== undefined && !(Number.isFinite(kg) && kg <= MAX_KG)) {
        problems.push({
          column: 'quantity',
          reason: `${row.quantity} ${row.unit} is ${Number.isFinite(kg) ? kg.toExponential(3) : 'more than any number of'} kg, more than the ${MAX_KG.toExponential(0)} kg (a billion tonnes) one shipment can weigh: check the quantity and unit`,
        });
      }
      const factor = Object.prototype.hasOwnProperty.call(LITRES_PER_UNIT, row.unit) ? LITRES_PER_UNIT[row.unit] : undefined;
      const litres = factor === undefined ? undefined : row.quantity * factor;
      if (litres !== undefined && !(Number.isFinite(litres) && litres <= MAX_LITRES)) {
        problems.push({
          column: 'quantity',
          reason: `${row.quantity} ${row.unit} is ${litres.toExponential(3)} l, more than the ${MAX_LITRES.toExponential(0)} l (a billion cubic metres) one shipment can hold: check the quantity and unit`,
        });
      }
    }
    if (Array.isArray(row.transitCountries)) {
      const route = row.transitCountries as string[];
      const twice = route.find((c, i) => i > 0 && route[i - 1] === c);
      if (twice !== undefined) problems.push({ column: 'transit_countries', reason: `${twice} is listed twice in a row: list each country the goods passed through once, in order` });
    }
    if (row.value !== undefined && row.currency === undefined) {
      problems.push({ column: 'currency', reason: 'a value needs a currency (such as EUR)' });
    }
  }
  return problems;
}
