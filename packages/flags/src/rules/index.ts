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
];

export { robustZ, LeaveOneOut } from './volume-anomaly';
