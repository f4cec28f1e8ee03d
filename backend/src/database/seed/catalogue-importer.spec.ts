import { seedCatalogue } from './catalogue';
import { CatalogueImportError, deriveMiptaUrl, importCatalogue } from './catalogue-importer';
import { rawCatalogue, rawItem, rawMode } from './testing/catalogue.factory';

describe('importCatalogue', () => {
  it('maps an item to an operator with its modes and MIPTA URLs in order', () => {
    const result = importCatalogue(rawCatalogue({ items: [rawItem({ modes: ['011', '012'] })] }));
    expect(result.modes.map((m) => m.id)).toEqual(['007', '011', '012']);
    expect(result.modes[0]).toEqual({
      id: '007',
      shortDesc: 'bus',
      longDesc: 'includes any vehicle typically greater than 8 seats',
    });
    expect(result.operators).toEqual([
      {
        id: '029',
        name: 'PSD Buses',
        kind: 'operator',
        homepage: 'https://psdbuses.example.org/',
        customerAccountUrl: 'https://psdbuses.example.org/',
        email: '',
        phone: '03432221234',
        defaultLanguage: 'en',
        modeIds: ['011', '012'],
        miptaUrls: ['https://mipta.psdbuses.example.org/'],
      },
    ]);
    expect(result.repairs).toEqual([]);
  });

  it('keeps blank emails and phones blank', () => {
    const [op] = importCatalogue(rawCatalogue({ items: [rawItem({ email: '', phone: '' })] })).operators;
    expect(op.email).toBe('');
    expect(op.phone).toBe('');
  });

  it('renumbers mode keys that repeat (hasMode1 twice) in document order and reports the repair', () => {
    const item = rawItem({ id: '030', modes: ['011', '012'], modeKeys: [1, 1] });
    const result = importCatalogue(rawCatalogue({ items: [item] }));
    expect(result.operators[0].modeIds).toEqual(['011', '012']);
    expect(result.repairs).toEqual([expect.objectContaining({ operatorId: '030', field: 'modes' })]);
  });

  it('replaces a MIPTA URL copied from another operator by the one derived from its own homepage', () => {
    const original = rawItem({
      id: '020',
      homepage: 'www.southwesternrailway.com',
      mipta: ['https://mipta.southwesternrailway.com'],
    });
    const copy = rawItem({
      id: '021',
      homepage: 'www.southeasternrailway.co.uk/',
      mipta: ['https://mipta.southwesternrailway.com'],
    });
    const result = importCatalogue(rawCatalogue({ items: [original, copy] }));
    expect(result.operators.map((o) => o.miptaUrls)).toEqual([
      ['https://mipta.southwesternrailway.com'],
      ['https://mipta.southeasternrailway.co.uk/'],
    ]);
    expect(result.repairs).toEqual([expect.objectContaining({ operatorId: '021', field: 'miptaUrls' })]);
  });

  it("leaves a shared MIPTA URL alone when it follows both operators' own pattern", () => {
    const a = rawItem({ id: '001', homepage: 'www.a.example/', mipta: ['https://mipta.a.example/'] });
    const b = rawItem({ id: '002', homepage: 'a.example/', mipta: ['https://mipta.a.example/'] });
    expect(importCatalogue(rawCatalogue({ items: [a, b] })).repairs).toEqual([]);
  });

  it.each([
    ['an unknown mode', rawItem({ modes: ['099'] }), /unknown mode/],
    ['a declared mode count that does not match', rawItem({ modes: ['007'], declaredModes: 2 }), /declares 2 modes/],
    ['a bad operator id', rawItem({ id: '29' }), /three digits/],
    ['a missing name', rawItem({ name: '' }), /no name/],
  ])('rejects %s', (_label, item, message) => {
    expect(() => importCatalogue(rawCatalogue({ items: [item] }))).toThrow(CatalogueImportError);
    expect(() => importCatalogue(rawCatalogue({ items: [item] }))).toThrow(message);
  });

  it('rejects duplicate operator and mode ids', () => {
    expect(() => importCatalogue(rawCatalogue({ items: [rawItem(), rawItem()] }))).toThrow(/duplicate operator/);
    expect(() => importCatalogue(rawCatalogue({ modes: [rawMode(), rawMode()] }))).toThrow(/duplicate mode/);
  });

  it.each([
    ['www.gwr.com/', 'https://mipta.gwr.com/'],
    ['https://psdbuses.pythonanywhere.com/', 'https://mipta.psdbuses.pythonanywhere.com/'],
    ['tfl.gov.uk/modes/london-overground/', 'https://mipta.tfl.gov.uk/modes/london-overground/'],
  ])('derives the MIPTA URL of homepage %s as %s', (homepage, expected) => {
    expect(deriveMiptaUrl(homepage)).toBe(expected);
  });
});

describe('the shipped seed catalogue', () => {
  const catalogue = seedCatalogue();
  const operator = (id: string) => catalogue.operators.find((o) => o.id === id)!;

  it('has the 16 OTI modes and the 31 operators 000–030', () => {
    expect(catalogue.modes.map((m) => m.id)).toEqual(
      Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(3, '0')),
    );
    expect(catalogue.operators.map((o) => o.id)).toEqual(
      Array.from({ length: 31 }, (_, i) => String(i).padStart(3, '0')),
    );
  });

  it('repairs exactly the two known defects', () => {
    expect(catalogue.repairs.map((r) => [r.operatorId, r.field])).toEqual([
      ['030', 'modes'],
      ['021', 'miptaUrls'],
    ]);
    expect(operator('030').modeIds).toEqual(['011', '012']);
    expect(operator('021').miptaUrls).toEqual(['https://mipta.southeasternrailway.co.uk/']);
    expect(operator('020').miptaUrls).toEqual(['https://mipta.southwesternrailway.com']);
  });

  it('follows the mipta.<homepage> convention for every operator after repair', () => {
    for (const op of catalogue.operators) expect(op.miptaUrls).toEqual([deriveMiptaUrl(op.homepage)]);
  });

  it('keeps blank emails blank and treats every entry as a transport operator', () => {
    expect(operator('001')).toMatchObject({ name: 'Avanti West Coast', email: '', phone: '' });
    expect(operator('011').email).toBe('contactcentre@greateranglia.co.uk');
    expect(new Set(catalogue.operators.map((o) => o.kind))).toEqual(new Set(['operator']));
  });

  it('hands each caller its own copy', () => {
    seedCatalogue().operators[0].name = 'changed';
    expect(seedCatalogue().operators[0].name).toBe('CS21');
  });
});
