/** Cross-validated p(body) given from a file, as `npm run train -- --cv --probabilities FILE` reads it (src/learn/probabilities.ts). */
import { describe, expect, it } from 'vitest';
import { GivenProbabilities } from '../../src/learn/probabilities.js';

describe('GivenProbabilities', () => {
  const file = { 'a.html.gz': [0.0019, 0.9886, null], 'b.html.gz': [0.5] };

  it("gives each page's probabilities in block order, a null (JSON's NaN) as NaN", () => {
    const given = new GivenProbabilities(file, 'p.json');
    expect(Array.from(given.of('a.html.gz', 3))).toEqual([0.0019, 0.9886, NaN]);
    expect(Array.from(given.of('b.html.gz', 1))).toEqual([0.5]);
    expect(given.unasked()).toEqual([]);
  });

  it('names the pages of the file never asked for', () => {
    const given = new GivenProbabilities(file, 'p.json');
    given.of('b.html.gz', 1);
    expect(given.unasked()).toEqual(['a.html.gz']);
  });

  it('refuses a page the file lacks, a page of another number of blocks, and a value that is no probability', () => {
    const given = new GivenProbabilities({ ...file, 'c.html.gz': [1.2], 'd.html.gz': ['0.3'] } as never, 'p.json');
    expect(() => given.of('z.html.gz', 1)).toThrow('p.json: no probabilities for page z.html.gz');
    expect(() => given.of('constructor', 1)).toThrow('no probabilities for page constructor');
    expect(() => given.of('a.html.gz', 4)).toThrow('page a.html.gz has 3 probabilities for its 4 blocks');
    expect(() => given.of('c.html.gz', 1)).toThrow('page c.html.gz, block 0: 1.2 is no probability');
    expect(() => given.of('d.html.gz', 1)).toThrow('"0.3" is no probability');
  });
});
