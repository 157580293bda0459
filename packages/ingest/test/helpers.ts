import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ENTITIES = [
  'id,kind,name,country,lat,lon,sector,employees,founded,phone',
  'a,company,"Alpha Kimya, Ltd",TR,36.70,38.95,chemical wholesale,40,2001-05-02,+90 414 000',
  'b,company,Beta,TR,36.71,38.94,retail sale of mobile phones,3,2015-01-10,+90 414 000',
  'c,person,Carol,TR,,,,,,',
  'd,company,Delta ApS,DK,55.6,12.5,,,,',
].join('\n');
export const RELATIONS = ['source,target,kind,share', 'c,a,owner,60', 'c,b,director,', 'a,b,shared_address,'].join('\n');
export const SHIPMENTS = [
  'id,supplier,buyer,commodity,hs_code,quantity,unit,value,currency,shipped,received,payer',
  's1,d,a,aluminium paste,3212.90,6,t,12000,EUR,2016-03-01,2016-03-09,',
  's2,a,b,aluminium paste,321290,6000,kg,,,2016-03-10,2016-03-12,d',
].join('\n');
export const PLACES = ['id,name,kind,lat,lon,countries', 'akc,Akçakale,border_crossing,36.69,38.95,TR|SY'].join('\n');

/** A seeded random number generator (mulberry32): the same numbers on every run. */
export function rng(seed: number): () => number {
  let t = seed;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let x = Math.imul(t ^ (t >>> 15), t | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const made: string[] = [];

/** Removes every folder made by makeBundle or tempDir (call from afterAll). */
export function removeBundles(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh temporary folder, removed by removeBundles. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-test-'));
  made.push(dir);
  return dir;
}

/** Writes a bundle into a fresh temporary folder; files given as undefined are left out. */
export function makeBundle(files: Partial<Record<'entities' | 'relations' | 'shipments' | 'places', string | undefined>>): string {
  const dir = tempDir();
  const all = { entities: ENTITIES, relations: RELATIONS, shipments: SHIPMENTS, places: PLACES, ...files };
  for (const [name, text] of Object.entries(all)) {
    if (text !== undefined) writeFileSync(join(dir, `${name}.csv`), `${text}\n`);
  }
  return dir;
}

/**
 * Text in a single-byte code page (`windows-1251`, `windows-1256`, `koi8-r` …), as a spreadsheet saving "CSV" in it
 * writes it: each character by its byte there. Throws for a character the code page does not have.
 */
export function encodeIn(encoding: string, text: string): Buffer {
  const decoder = new TextDecoder(encoding);
  const byChar = new Map<string, number>();
  for (let b = 255; b >= 0; b--) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from(
    [...text].map((c) => {
      const b = byChar.get(c);
      if (b === undefined) throw new Error(`no byte for ${c} in ${encoding}`);
      return b;
    }),
  );
}
