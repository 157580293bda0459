/**
 * Everyday words of company names (English and French, the languages most names in the bundles
 * are written in, plus a few international ones), in the singular, after folding. Data, not code.
 *
 * Why: the scorer forgives a one-letter slip in a long word (`Minning` for `Mining`, `Logistcs` for
 * `Logistics`), because a slip rarely makes another word. Between two words of this list it does not:
 * `Feeds` / `Seeds`, `Paints` / `Prints`, `Batteries` / `Bakeries`, `Motors` / `Meters` are different
 * trades, and two firms called `Tsamiya Feeds` and `Tsamiya Seeds` are two firms. Two different
 * words of this list therefore never count as spelling variants of each other (their plurals still
 * match: `Farm` / `Farms`). A slip that makes a word not in the list (`Fertlizer`) is still forgiven.
 *
 * British and American spellings of one word are one word (`SPELLING_VARIANTS`), not two.
 */
export const VOCABULARY: ReadonlySet<string> = new Set(
  `
  accessory account advisory agency agent agriculture agricultural agro aircraft allied alloy aluminum ambulance
  animal apparel appliance aquaculture architect art asphalt assembly asset auction audio auto automobile
  automotive aviation bag bakery bank battery bazaar bead bearing beauty bed beverage bicycle block board boat
  boiler bolt bond book bottle boutique box brand brass bread brewery brick bridge broker brother builder building
  bulk bus butcher cable cafe camera camp candle canning car card cargo carpet carrier cartage casting catering
  cattle cement center ceramic cereal chain chair charity chemical chemist cinema citrus civil clay cleaning clinic
  clothing club coal coating coffee coil commodity communication computer concrete confectionery construction
  consult consultancy consultant consulting container contractor cooperative copper cosmetic cotton craft crane
  crop crystal cycle dairy data dealer decor defense design detergent developer diamond diesel digital dining
  distribution distributor dock door drainage drilling drink drug dye egg electric electrical electronic
  elevator energy engine engineering entertainment equipment estate event explosive fabric factory fair farm
  farmer fashion fastener feed fence ferry fertilizer fiber film filter finance financial fire fish fisherman
  fishery fishing fitting flour flower fluid foam food footwear forest forestry forge foundation foundry frame
  freight fruit fuel furniture garage garden garment gas gate gear gem generator gift glass gold grain granite
  graphic grocery guard hardware haulage health heat heating herb holding home honey hospital hotel house housing
  hydraulic ice import infrastructure ink input insurance iron irrigation jewelry juice kitchen lab laboratory
  lamp land laundry lead leasing leather lift light lighting lime line liquor livestock loan lock logistic lumber
  machine machinery magnet maintenance mall management manufacturer manufacturing marble marine market marketing
  mart material meal meat media medical medicine metal meter microfinance milk mill mine mineral mining mobile
  motel motor motorcycle music nail network nursery nut office oil optical ore organic outfit packaging packing
  paint pallet paper parcel park part partner pasta pastry pawn pearl perfume pest pet petrol petroleum pharma
  pharmacy pharmaceutical phone photo pipe plant plastic plate plumbing plywood point polymer port poultry powder
  power press print printer printing produce product project property protein pump quarry radio rail railway
  ranch real realty recycling refinery relief rental repair resin resort restaurant rice road rock roof rope
  rubber rug safety salon salt sand sanitary school scrap sea security seed service shed sheep shelter ship
  shipping shoe shop silk silver skin soap software soil solar spare spice sport spring stationery steel stone
  storage store studio sugar supermarket supply surgical system tank tea tech technical technology telecom
  textile theater tile timber tire tobacco tool tour tourism towel tower toy tractor trade trader trading
  traffic trailer transit transport travel truck trucking tube uniform utility valve vehicle vending
  ventilation vessel veterinary video vinyl wagon ware warehouse waste watch water welding well wheel wholesale
  wine wire wood wool work yarn yard
  abattoir agence agricole alimentation assurance atelier banque batiment beton bijouterie blanchisserie bois
  boucherie boulangerie boutique cabinet carburant carrelage carriere cereale chaussure chimie ciment commerce
  confection construction courtage cuir depot distribution douane droguerie eau electricite electronique elevage
  engrais entreprise epicerie equipement etablissement ferme ferraille fils forage fourniture frere fret garage
  gaz glace grain habillement hotel huile immobilier import imprimerie industrie informatique intrant
  librairie location logistique machine magasin maison materiau materiel menuiserie metal meuble mine minerai
  negoce papeterie peche peinture pharmacie phosphate plomberie poisson pneu produit quincaillerie restaurant
  riz savon securite semence service societe sucre tabac textile tissu transit transport travaux vetement
  veterinaire viande voyage
  `
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** British, American and other spellings of one word, written to one form before names are compared. */
export const SPELLING_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['fertiliser', 'fertilizer'],
  ['fertilisers', 'fertilizers'],
  ['aluminium', 'aluminum'],
  ['aluminiums', 'aluminum'],
  ['centre', 'center'],
  ['centres', 'centers'],
  ['jewellery', 'jewelry'],
  ['jewellers', 'jewelers'],
  ['jeweller', 'jeweler'],
  ['theatre', 'theater'],
  ['fibre', 'fiber'],
  ['fibres', 'fibers'],
  ['tyres', 'tires'],
  ['tyre', 'tire'],
  ['colour', 'color'],
  ['colours', 'colors'],
  ['defence', 'defense'],
  ['metre', 'meter'],
  ['metres', 'meters'],
  ['organisation', 'organization'],
  ['organisations', 'organizations'],
  ['catalogue', 'catalog'],
  ['programme', 'program'],
]);
