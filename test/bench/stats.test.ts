import { describe, expect, it } from 'vitest';
import { distribution, median, percentile, sorted } from '../../bench/stats.js';

const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

describe('bench stats', () => {
  it('sorts numerically, not as strings, and leaves the input alone', () => {
    const input = [10, 9, 100, 1.5];
    expect(sorted(input)).toEqual([1.5, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, 1.5]);
  });

  it('takes the middle sample of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('computes nearest-rank percentiles: p50 and p99 of 1..100 are 50 and 99', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 1)).toBe(1);
  });

  it('reports a measured sample, never an interpolation', () => {
    const samples = [1, 2, 3, 1000];
    expect(percentile(samples, 50)).toBe(2);
    expect(percentile(samples, 99)).toBe(1000);
    const many = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(many, 99)).toBe(990);
  });

  it('summarizes a distribution', () => {
    expect(distribution([5, 1, 3])).toEqual({ count: 3, p50: 3, p99: 5, max: 5, mean: 3 });
  });

  it('refuses empty samples and percentiles outside (0, 100]', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => distribution([])).toThrow(RangeError);
  });
});
