import { LEGAL_FORMS, PERSON_TITLES } from '@chokepoint/resolve';
import { compiledForms, stripLeading, stripLegalForms, type CompiledForm } from '../src/normalize';
import { random } from './helpers';

/*
 * Stripping legal forms and titles looks up only the forms that start (or end) with the name's first (last) word.
 * These tests hold it to the plain scan over every form in order (what it replaced), on names made of the forms'
 * own words, connectives and other words, in every country of the table and none.
 */

const applies = (form: CompiledForm, country: string | undefined) => form.countries === '*' || country === undefined || form.countries.has(country);

function leadingByScan(tokens: string[], country: string | undefined, forms: CompiledForm[]): string[] {
  let start = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of forms) {
      const n = form.tokens.length;
      if (start + n >= tokens.length || !applies(form, country)) continue;
      if (form.tokens.every((t, i) => tokens[start + i] === t)) {
        start += n;
        changed = true;
        break;
      }
    }
  }
  return tokens.slice(start);
}

function trailingByScan(tokens: string[], country: string | undefined): string[] {
  const forms = compiledForms('end');
  let end = tokens.length;
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of forms) {
      const n = form.tokens.length;
      if (n >= end || !applies(form, country)) continue;
      let match = true;
      for (let i = 0; i < n; i++) {
        if (tokens[end - n + i] !== form.tokens[i]) {
          match = false;
          break;
        }
      }
      if (match) {
        end -= n;
        changed = true;
        while (end > 1 && (tokens[end - 1] === 've' || tokens[end - 1] === 'and' || tokens[end - 1] === 'y')) end--;
        break;
      }
    }
  }
  return tokens.slice(0, end);
}

describe('stripping legal forms and titles by the first or last word', () => {
  const forms = [...compiledForms('end'), ...compiledForms('start'), ...compiledForms('title')];
  const words = [...new Set(forms.flatMap((f) => f.tokens))];
  const others = ['kimya', 'sunrise', 'trading', 've', 'and', 'y', 'co', '__proto__', 'constructor', 'alnoor', 'k'];
  const countries = [undefined, ...new Set(LEGAL_FORMS.flatMap((r) => (r.countries === '*' ? [] : r.countries)))];

  it('the tables have forms of several words sharing first and last words (what the order decides between)', () => {
    expect(words.length).toBeGreaterThan(50);
    expect(PERSON_TITLES.length).toBeGreaterThan(5);
    const lasts = new Map<string, number>();
    for (const f of compiledForms('end')) lasts.set(f.tokens[f.tokens.length - 1], (lasts.get(f.tokens[f.tokens.length - 1]) ?? 0) + 1);
    expect([...lasts.values()].some((n) => n > 1)).toBe(true);
  });

  it('gives what the scan over every form gives, on 5,000 random names', () => {
    const r = random(14);
    let stripped = 0;
    for (let k = 0; k < 5000; k++) {
      const length = 1 + Math.floor(r() * 7);
      const tokens: string[] = [];
      for (let i = 0; i < length; i++) {
        if (r() < 0.3) {
          // A whole form, so that forms of several words occur.
          tokens.push(...forms[Math.floor(r() * forms.length)].tokens);
        } else tokens.push(r() < 0.7 ? words[Math.floor(r() * words.length)] : others[Math.floor(r() * others.length)]);
      }
      const country = countries[Math.floor(r() * countries.length)];
      const end = stripLegalForms(tokens, country);
      expect(end).toEqual(trailingByScan(tokens, country));
      expect(stripLeading(tokens, country, 'start')).toEqual(leadingByScan(tokens, country, compiledForms('start')));
      expect(stripLeading(tokens, country, 'title')).toEqual(leadingByScan(tokens, country, compiledForms('title')));
      if (end.length < tokens.length) stripped++;
    }
    expect(stripped).toBeGreaterThan(250);
  });
});
