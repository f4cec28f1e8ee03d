import { fakerEN_GB } from '@faker-js/faker';

/**
 * Vocabulary for demo customers. Names and streets come from faker (en_GB) with a fixed seed, drawn once into pools,
 * so generating a million customers costs array look-ups instead of a million faker calls; towns, postcode areas,
 * stops and products are curated for plausibility. Contact details are never real: emails use the reserved
 * example.com/.net/.org domains (RFC 2606) and phone numbers Ofcom's ranges reserved for drama (07700 900xxx, …).
 */
const POOL_SEED = 20_240_229;

function uniquePool(size: number, draw: () => string): string[] {
  const seen = new Set<string>();
  for (let attempts = 0; seen.size < size && attempts < size * 50; attempts++) seen.add(draw());
  return [...seen];
}

function buildFakerPools() {
  fakerEN_GB.seed(POOL_SEED);
  const firstNames = uniquePool(300, () => fakerEN_GB.person.firstName());
  const lastNames = uniquePool(300, () => fakerEN_GB.person.lastName());
  const streets = uniquePool(400, () => fakerEN_GB.location.street());
  return { firstNames, lastNames, streets };
}

let fakerPools: ReturnType<typeof buildFakerPools> | undefined;
export function namePools(): ReturnType<typeof buildFakerPools> {
  fakerPools ??= buildFakerPools();
  return fakerPools;
}

/** UK towns with their postcode area, weighted roughly by population. */
export const TOWNS: readonly (readonly [{ city: string; area: string }, number])[] = [
  [{ city: 'London', area: 'SE' }, 6],
  [{ city: 'London', area: 'N' }, 5],
  [{ city: 'London', area: 'E' }, 5],
  [{ city: 'Birmingham', area: 'B' }, 4],
  [{ city: 'Manchester', area: 'M' }, 4],
  [{ city: 'Leeds', area: 'LS' }, 3],
  [{ city: 'Glasgow', area: 'G' }, 3],
  [{ city: 'Liverpool', area: 'L' }, 3],
  [{ city: 'Bristol', area: 'BS' }, 3],
  [{ city: 'Sheffield', area: 'S' }, 2],
  [{ city: 'Edinburgh', area: 'EH' }, 2],
  [{ city: 'Cardiff', area: 'CF' }, 2],
  [{ city: 'Newcastle upon Tyne', area: 'NE' }, 2],
  [{ city: 'Nottingham', area: 'NG' }, 2],
  [{ city: 'Leicester', area: 'LE' }, 2],
  [{ city: 'Southampton', area: 'SO' }, 2],
  [{ city: 'Portsmouth', area: 'PO' }, 3],
  [{ city: 'Brighton', area: 'BN' }, 2],
  [{ city: 'Reading', area: 'RG' }, 1],
  [{ city: 'Oxford', area: 'OX' }, 1],
  [{ city: 'Cambridge', area: 'CB' }, 1],
  [{ city: 'York', area: 'YO' }, 1],
  [{ city: 'Norwich', area: 'NR' }, 1],
  [{ city: 'Plymouth', area: 'PL' }, 2],
  [{ city: 'Exeter', area: 'EX' }, 1],
  [{ city: 'Bath', area: 'BA' }, 1],
  [{ city: 'Aberdeen', area: 'AB' }, 1],
  [{ city: 'Swansea', area: 'SA' }, 1],
  [{ city: 'Coventry', area: 'CV' }, 1],
  [{ city: 'Derby', area: 'DE' }, 1],
  [{ city: 'Hull', area: 'HU' }, 1],
  [{ city: 'Preston', area: 'PR' }, 1],
  [{ city: 'Milton Keynes', area: 'MK' }, 1],
  [{ city: 'Newport, Isle of Wight', area: 'PO' }, 1],
];

/** Letters allowed in the inward part of a UK postcode. */
export const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Ofcom numbers reserved for drama: prefix + the last digits to fill. Mobile first, most common. */
export const PHONE_RANGES: readonly (readonly [{ prefix: string; digits: number }, number])[] = [
  [{ prefix: '07700 900', digits: 3 }, 14],
  [{ prefix: '020 7946 0', digits: 3 }, 2],
  [{ prefix: '0161 496 0', digits: 3 }, 1],
  [{ prefix: '0121 496 0', digits: 3 }, 1],
  [{ prefix: '0113 496 0', digits: 3 }, 1],
  [{ prefix: '0117 496 0', digits: 3 }, 1],
  [{ prefix: '0131 496 0', digits: 3 }, 1],
  [{ prefix: '0141 496 0', digits: 3 }, 1],
  [{ prefix: '0151 496 0', digits: 3 }, 1],
  [{ prefix: '0191 498 0', digits: 3 }, 1],
  [{ prefix: '029 2018 0', digits: 3 }, 1],
];

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

export interface Place {
  name: string;
  /** NaPTAN-style ATCO code (stations: '9100' + a TIPLOC-like code). Demo values. */
  naptan: string;
  latitude: number;
  longitude: number;
}

const place = (name: string, naptan: string, latitude: number, longitude: number): Place => ({
  name,
  naptan,
  latitude,
  longitude,
});

export const STATIONS: readonly Place[] = [
  place('London Euston', '9100EUSTON', 51.5282, -0.1337),
  place('London Paddington', '9100PADTON', 51.5166, -0.177),
  place('London Kings Cross', '9100KNGX', 51.5308, -0.1238),
  place('Manchester Piccadilly', '9100MNCRPIC', 53.4774, -2.2309),
  place('Birmingham New Street', '9100BHAMNWS', 52.4778, -1.899),
  place('Leeds', '9100LEEDS', 53.7955, -1.5482),
  place('York', '9100YORK', 53.958, -1.0931),
  place('Newcastle', '9100NWCSTLE', 54.9683, -1.6174),
  place('Edinburgh Waverley', '9100EDINBUR', 55.9521, -3.1893),
  place('Glasgow Central', '9100GLGC', 55.859, -4.258),
  place('Bristol Temple Meads', '9100BRSTLTM', 51.4491, -2.5813),
  place('Reading', '9100RDNGSTN', 51.4588, -0.9716),
  place('Cardiff Central', '9100CRDFCEN', 51.4761, -3.1792),
  place('Preston', '9100PRST', 53.7557, -2.7076),
  place('Crewe', '9100CREWE', 53.0891, -2.4327),
  place('Highbury & Islington', '9100HGHI', 51.546, -0.1037),
  place('Clapham Junction', '9100CLPHMJN', 51.4642, -0.1703),
  place('Stratford', '9100STFD', 51.5416, -0.0034),
];

export const TRAM_STOPS: readonly Place[] = [
  place('Piccadilly Gardens', '1800ZZMAPGD', 53.4809, -2.2369),
  place("St Peter's Square", '1800ZZMASTP', 53.4781, -2.2431),
  place('Deansgate-Castlefield', '1800ZZMAGMX', 53.4746, -2.2506),
  place('MediaCityUK', '1800ZZMAMCU', 53.4722, -2.2978),
  place('Altrincham', '1800ZZMAALT', 53.3876, -2.3476),
];

export const BUS_STOPS: readonly Place[] = [
  place('The Hard Interchange', '1900HA030111', 50.7986, -1.1077),
  place('Commercial Road', '1900HA030212', 50.7997, -1.0904),
  place('Guildhall Square', '1900HA030318', 50.7975, -1.0926),
  place('Queen Alexandra Hospital', '1900HA030420', 50.8507, -1.0697),
  place('University Library', '1900HA030527', 50.7935, -1.0966),
  place('Southsea Common', '1900HA030633', 50.7836, -1.0936),
  place('Fratton Station', '1900HA030741', 50.7965, -1.0737),
  place('Cosham High Street', '1900HA030856', 50.8441, -1.0662),
  place('Gunwharf Quays', '1900HA030962', 50.7955, -1.1047),
  place('Hilsea Park & Ride', '1900HA031074', 50.8328, -1.0704),
];

export const PIERS: readonly Place[] = [
  place('Harbour Station Pier', '9300PMH', 50.7972, -1.1084),
  place('Gosport Ferry Pontoon', '9300GOS', 50.7953, -1.1168),
  place('Ryde Pier Head', '9300RYP', 50.7393, -1.1596),
  place('Town Quay', '9300SOT', 50.8951, -1.4052),
  place('West Cowes', '9300CWW', 50.7627, -1.2989),
  place('Hythe Pier', '9300HYT', 50.8726, -1.3985),
];

export const VESSELS = ['Spirit of Solent', 'Harbour Queen', 'Island Voyager', 'Red Falcon', 'Wight Ryder'] as const;

export interface ConcessionProduct {
  name: string;
  price: number;
  discount: { type: 'percentage' | 'amount'; value: number; description: string };
  conditions: string;
}

/** Concession products by mode id (rail products apply to train and tram). */
export const CONCESSIONS: Record<string, readonly ConcessionProduct[]> = {
  train: [
    {
      name: '16-25 Railcard',
      price: 3500,
      discount: { type: 'percentage', value: 34, description: '1/3 off most rail fares' },
      conditions: 'Minimum fare applies to off-peak journeys before 10:00 Monday to Friday.',
    },
    {
      name: 'Senior Railcard',
      price: 3500,
      discount: { type: 'percentage', value: 34, description: '1/3 off most rail fares' },
      conditions: 'For people aged 60 or over.',
    },
    {
      name: 'Two Together Railcard',
      price: 3500,
      discount: { type: 'percentage', value: 34, description: '1/3 off for two named adults travelling together' },
      conditions: 'Not valid before 09:30 Monday to Friday.',
    },
    {
      name: 'Disabled Persons Railcard',
      price: 2000,
      discount: { type: 'percentage', value: 34, description: '1/3 off for the holder and one companion' },
      conditions: 'Proof of eligibility required.',
    },
  ],
  bus: [
    {
      name: 'Under-19 Bus Pass',
      price: 0,
      discount: { type: 'percentage', value: 50, description: 'Half fare on all routes' },
      conditions: 'Photocard must be shown when boarding.',
    },
    {
      name: 'Student Saver',
      price: 1000,
      discount: { type: 'percentage', value: 25, description: '25% off day and week tickets' },
      conditions: 'Valid student ID required.',
    },
    {
      name: "Older Person's Bus Pass",
      price: 0,
      discount: { type: 'percentage', value: 100, description: 'Free off-peak travel' },
      conditions: 'Valid after 09:30 Monday to Friday and all day at weekends.',
    },
  ],
  water: [
    {
      name: 'Island Resident Card',
      price: 1500,
      discount: { type: 'amount', value: 250, description: '£2.50 off each single crossing' },
      conditions: 'Proof of island residence required.',
    },
    {
      name: 'Foot Passenger Saver',
      price: 2500,
      discount: { type: 'percentage', value: 20, description: '20% off foot-passenger returns' },
      conditions: 'Not valid on sailings marked as peak.',
    },
  ],
};

export const TICKET_TYPES = {
  train: ['Anytime Single', 'Off-Peak Return', 'Advance Single', 'Anytime Day Return', 'Weekly Season'],
  bus: ['Single', 'Day Rider', 'Weekly Rider', '10-Trip Carnet'],
  water: ['Foot Passenger Single', 'Foot Passenger Return', 'Car and Driver Single', 'Day Return'],
} as const;
