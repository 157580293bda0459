import type { Rule } from '../types';
import { borderJunction } from './border-junction';
import { consigneeMismatch } from './consignee-mismatch';
import { linkedFamilyGroup } from './linked-family-group';
import { listedPartyMatch, shipmentToListed } from './listed-party';
import { newCompany } from './new-company';
import { offProfilePurchase } from './off-profile-purchase';
import { precursorWatchlist } from './precursor-watchlist';
import { rapidTransit } from './rapid-transit';
import { thirdPartyPayer } from './third-party-payer';
import { volumeAnomaly } from './volume-anomaly';
import { unitPrice } from './unit-price';
import { transshipmentHub } from './transshipment-hub';
import { addressHub } from './address-hub';
import { roundTripping } from './round-tripping';
import { forwarderConsignee } from './forwarder-consignee';
import { manyCommodities } from './many-commodities';

/** The red-flag rules, in the order they are documented and reported. */
export const RULES: readonly Rule[] = [
  offProfilePurchase,
  precursorWatchlist,
  volumeAnomaly,
  thirdPartyPayer,
  consigneeMismatch,
  rapidTransit,
  linkedFamilyGroup,
  borderJunction,
  newCompany,
  listedPartyMatch,
  shipmentToListed,
  unitPrice,
  transshipmentHub,
  addressHub,
  roundTripping,
  forwarderConsignee,
  manyCommodities,
];

export { robustZ, LeaveOneOut } from './volume-anomaly';
